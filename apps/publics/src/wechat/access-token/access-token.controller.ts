import { AccessTokenRequest, AccessTokenResult, PublicsPatterns } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { WechatAppRegistry } from '../apps/wechat-app.registry';
import { AccessTokenService } from './access-token.service';

@Controller()
export class AccessTokenController {
  constructor(
    private readonly apps: WechatAppRegistry,
    private readonly tokens: AccessTokenService,
  ) {}

  @MessagePattern(PublicsPatterns.WECHAT_ACCESS_TOKEN)
  async accessToken(@Payload() request: AccessTokenRequest): Promise<AccessTokenResult> {
    const app = this.apps.resolve(request.appid);
    const { token, expiresAt } = await this.tokens.get(app);
    return { accessToken: token, expiresAt, appid: app.appid };
  }
}
