import { PhoneNumberResult, PublicsErrorCode } from '@app/contracts';
import { Injectable } from '@nestjs/common';

import { PublicsException } from '../../errors/publics.exception';
import { AccessTokenService } from '../access-token/access-token.service';
import { WechatApp } from '../apps/wechat-apps';
import { WechatClient } from '../wechat.client';
import { WechatCaller } from '../wechat-call';
import { contractError } from '../wechat-errors';

/** The phone number behind the code of a getPhoneNumber button. */
@Injectable()
export class PhoneNumberService {
  constructor(
    private readonly client: WechatClient,
    private readonly caller: WechatCaller,
    private readonly tokens: AccessTokenService,
  ) {}

  async phoneNumber(app: WechatApp, code: string): Promise<PhoneNumberResult> {
    const answer = await this.caller.call('getuserphonenumber', () =>
      this.tokens.withToken(app, (token) => this.client.getUserPhoneNumber(token, code)),
    );
    const info = answer.phone_info;
    if (
      typeof info?.phoneNumber !== 'string' ||
      typeof info.purePhoneNumber !== 'string' ||
      typeof info.countryCode !== 'string'
    ) {
      throw new PublicsException(
        contractError(
          PublicsErrorCode.WECHAT_UNAVAILABLE,
          'getuserphonenumber answered without a phone number',
        ),
      );
    }
    return {
      phoneNumber: info.phoneNumber,
      purePhoneNumber: info.purePhoneNumber,
      countryCode: info.countryCode,
      appid: app.appid,
    };
  }
}
