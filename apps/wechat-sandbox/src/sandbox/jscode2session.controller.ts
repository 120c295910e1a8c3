import { setTimeout as sleep } from 'node:timers/promises';

import { Controller, Get, Header, Query } from '@nestjs/common';

import { CodeStore } from './code-store';
import { SandboxCredentials } from './sandbox-credentials';
import {
  WechatErrorAnswer,
  wechatError,
  WechatSessionAnswer,
  wechatSession,
} from './wechat-answers';

type Jscode2SessionQuery = Partial<Record<'appid' | 'secret' | 'js_code' | 'grant_type', unknown>>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** WeChat's `GET /sns/jscode2session`: always HTTP 200, JSON sent as text/plain, errors as errcode. */
@Controller('sns')
export class Jscode2SessionController {
  constructor(
    private readonly codes: CodeStore,
    private readonly credentials: SandboxCredentials,
  ) {}

  @Get('jscode2session')
  @Header('Content-Type', 'text/plain')
  async jscode2session(@Query() query: Jscode2SessionQuery): Promise<string> {
    const answer = await this.answer(query);
    return JSON.stringify(answer);
  }

  private async answer(
    query: Jscode2SessionQuery,
  ): Promise<WechatErrorAnswer | WechatSessionAnswer> {
    const appid = text(query.appid);
    const secret = text(query.secret);
    const code = text(query.js_code);
    if (!appid) return wechatError(41002);
    if (!secret) return wechatError(41004);
    if (!code) return wechatError(41008);
    if (query.grant_type !== 'authorization_code') return wechatError(40002);
    if (appid !== this.credentials.appid) return wechatError(40013);
    if (!this.credentials.isSecret(secret)) return wechatError(40125);

    const exchange = this.codes.exchange(code);
    if (exchange.delayMs > 0) await sleep(exchange.delayMs);
    return exchange.outcome === 'session'
      ? wechatSession(exchange.openid, exchange.unionid)
      : wechatError(exchange.errcode);
  }
}
