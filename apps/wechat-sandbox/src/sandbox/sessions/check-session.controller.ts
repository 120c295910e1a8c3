import { createHmac, timingSafeEqual } from 'node:crypto';

import { Controller, Get, Query } from '@nestjs/common';

import { ApiGate } from '../access-tokens/api-gate';
import { wechatError, WechatErrorAnswer } from '../wechat-answers';
import { SessionStore } from './session.store';

/** hex HMAC-SHA256 of the empty string keyed by the session_key, as WeChat defines the signature. */
export function expectedSignature(sessionKey: string): string {
  return createHmac('sha256', sessionKey).update('').digest('hex');
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** WeChat's `GET /wxa/checksession?access_token&openid&signature&sig_method=hmac_sha256`. */
@Controller('wxa')
export class CheckSessionController {
  constructor(
    private readonly gate: ApiGate,
    private readonly sessions: SessionStore,
  ) {}

  @Get('checksession')
  async checkSession(
    @Query() query: Record<string, unknown>,
  ): Promise<{ errcode: 0; errmsg: 'ok' } | WechatErrorAnswer> {
    const opened = await this.gate.open('checksession', query.access_token);
    if ('errcode' in opened) return opened;
    const { openid, signature, sig_method: method } = query;
    if (typeof openid !== 'string' || !this.sessions.isUser(opened.appid, openid)) {
      return wechatError(40003);
    }
    if (method !== 'hmac_sha256' || typeof signature !== 'string') return wechatError(87009);
    const sessionKey = this.sessions.sessionKey(opened.appid, openid);
    if (sessionKey === undefined || !sameText(signature, expectedSignature(sessionKey))) {
      return wechatError(87009);
    }
    return { errcode: 0, errmsg: 'ok' };
  }
}
