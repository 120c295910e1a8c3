import { setTimeout as sleep } from 'node:timers/promises';

import { Injectable } from '@nestjs/common';

import { CodeStore } from './code-store';
import { Jscode2SessionQuery } from './dto/jscode2session-query.dto';
import { SandboxCredentials } from './sandbox-credentials';
import { SessionStore } from './sessions/session.store';
import {
  WechatErrorAnswer,
  wechatError,
  WechatSessionAnswer,
  wechatSession,
} from './wechat-answers';

const AUTHORIZATION_CODE = 'authorization_code';

/** What WeChat's `GET /sns/jscode2session` answers for a query, checked in WeChat's order. */
@Injectable()
export class Jscode2SessionService {
  constructor(
    private readonly codes: CodeStore,
    private readonly credentials: SandboxCredentials,
    private readonly sessions: SessionStore,
  ) {}

  async answer(query: Jscode2SessionQuery): Promise<WechatErrorAnswer | WechatSessionAnswer> {
    const { appid, secret, js_code: code, grant_type: grantType } = query;
    if (appid === undefined) return wechatError(41002);
    if (secret === undefined) return wechatError(41004);
    if (code === undefined) return wechatError(41008);
    if (grantType !== AUTHORIZATION_CODE) return wechatError(40002);
    if (!this.credentials.isAppid(appid)) return wechatError(40013);
    if (!this.credentials.isSecretOf(appid, secret)) return wechatError(40125);

    const exchange = this.codes.exchange(code, appid);
    if (exchange.delayMs > 0) await sleep(exchange.delayMs);
    if (exchange.outcome !== 'session') return wechatError(exchange.errcode);
    const session = wechatSession(exchange.openid, exchange.unionid);
    this.sessions.record(appid, exchange.openid, session.session_key);
    return session;
  }
}
