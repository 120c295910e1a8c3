import { Code2SessionRequest, Code2SessionResult, PublicsPatterns } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { WechatAppRegistry } from './apps/wechat-app.registry';
import { WechatService } from './wechat.service';

@Controller()
export class WechatController {
  constructor(
    private readonly apps: WechatAppRegistry,
    private readonly wechat: WechatService,
  ) {}

  @MessagePattern(PublicsPatterns.WECHAT_CODE2SESSION)
  async code2session(@Payload() request: Code2SessionRequest): Promise<Code2SessionResult> {
    const app = this.apps.resolve(request.appid);
    const identity = await this.wechat.code2session(app, request.code, request.requestId);
    return { ...identity, appid: app.appid };
  }
}
