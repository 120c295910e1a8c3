import { DecryptRequest, DecryptResult, PublicsPatterns } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { WechatAppRegistry } from '../apps/wechat-app.registry';
import { DecryptService } from './decrypt.service';

@Controller()
export class DecryptController {
  constructor(
    private readonly apps: WechatAppRegistry,
    private readonly decryption: DecryptService,
  ) {}

  /** The answer is WeChat's object; its watermark.appid is the appid that served it. */
  @MessagePattern(PublicsPatterns.WECHAT_DECRYPT)
  decrypt(@Payload() request: DecryptRequest): Promise<DecryptResult> {
    const app = this.apps.resolve(request.appid);
    return this.decryption.decrypt(app, request.openid, request.encryptedData, request.iv);
  }
}
