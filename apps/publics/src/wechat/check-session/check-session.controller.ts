import { CheckSessionRequest, CheckSessionResult, PublicsPatterns } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { WechatAppRegistry } from '../apps/wechat-app.registry';
import { CheckSessionService } from './check-session.service';

@Controller()
export class CheckSessionController {
  constructor(
    private readonly apps: WechatAppRegistry,
    private readonly sessions: CheckSessionService,
  ) {}

  @MessagePattern(PublicsPatterns.WECHAT_CHECK_SESSION)
  checkSession(@Payload() request: CheckSessionRequest): Promise<CheckSessionResult> {
    return this.sessions.check(this.apps.resolve(request.appid), request.openid);
  }
}
