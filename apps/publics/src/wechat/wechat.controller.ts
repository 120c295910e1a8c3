import { Code2SessionRequest, Code2SessionResult, PublicsPatterns } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { WechatService } from './wechat.service';

@Controller()
export class WechatController {
  constructor(private readonly wechat: WechatService) {}

  @MessagePattern(PublicsPatterns.WECHAT_CODE2SESSION)
  code2session(@Payload() request: Code2SessionRequest): Promise<Code2SessionResult> {
    return this.wechat.code2session(request.code, request.requestId);
  }
}
