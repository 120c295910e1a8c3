import { CheckTextRequest, CheckTextResult, PublicsPatterns } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { WechatAppRegistry } from '../apps/wechat-app.registry';
import { TextCheckService } from './text-check.service';

@Controller()
export class TextCheckController {
  constructor(
    private readonly apps: WechatAppRegistry,
    private readonly checks: TextCheckService,
  ) {}

  @MessagePattern(PublicsPatterns.WECHAT_CHECK_TEXT)
  checkText(@Payload() request: CheckTextRequest): Promise<CheckTextResult> {
    const app = this.apps.resolve(request.appid);
    return this.checks.check(app, request.openid, request.content, request.scene);
  }
}
