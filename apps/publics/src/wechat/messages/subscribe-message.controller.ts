import { PublicsPatterns, SubscribeMessageRequest, SubscribeMessageResult } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { WechatAppRegistry } from '../apps/wechat-app.registry';
import { SubscribeMessageService } from './subscribe-message.service';

@Controller()
export class SubscribeMessageController {
  constructor(
    private readonly apps: WechatAppRegistry,
    private readonly messages: SubscribeMessageService,
  ) {}

  @MessagePattern(PublicsPatterns.WECHAT_SUBSCRIBE_MESSAGE)
  subscribeMessage(@Payload() request: SubscribeMessageRequest): Promise<SubscribeMessageResult> {
    return this.messages.send(this.apps.resolve(request.appid), request);
  }
}
