import { CheckSessionResult, PublicsErrorCode } from '@app/contracts';
import { Injectable } from '@nestjs/common';

import { PublicsException } from '../../errors/publics.exception';
import { AccessTokenService } from '../access-token/access-token.service';
import { WechatApp } from '../apps/wechat-apps';
import { SessionKeyStore } from '../session-keys/session-key.store';
import { WechatClient } from '../wechat.client';
import { failedErrcode, WechatCaller } from '../wechat-call';
import { contractError, WECHAT_INVALID_SIGNATURE } from '../wechat-errors';
import { sessionSignature } from './session-signature';

/** Asks WeChat whether the session_key stored at the user's last login is still theirs. */
@Injectable()
export class CheckSessionService {
  constructor(
    private readonly client: WechatClient,
    private readonly caller: WechatCaller,
    private readonly tokens: AccessTokenService,
    private readonly sessionKeys: SessionKeyStore,
  ) {}

  async check(app: WechatApp, openid: string): Promise<CheckSessionResult> {
    const sessionKey = await this.sessionKeys.find(app.appid, openid);
    if (sessionKey === undefined) {
      throw new PublicsException(contractError(PublicsErrorCode.SESSION_KEY_NOT_FOUND));
    }
    const signature = sessionSignature(sessionKey);
    const answer = await this.caller.call(
      'checksession',
      () =>
        this.tokens.withToken(app, (token) => this.client.checkSession(token, openid, signature)),
      [WECHAT_INVALID_SIGNATURE],
    );
    return { valid: failedErrcode(answer) !== WECHAT_INVALID_SIGNATURE, appid: app.appid };
  }
}
