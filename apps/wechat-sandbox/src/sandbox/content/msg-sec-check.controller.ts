import { Body, Controller, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';

import { ApiGate } from '../access-tokens/api-gate';
import { randomPool } from '../random-pool';
import { SessionStore } from '../sessions/session.store';
import { wechatError, WechatErrorAnswer, wechatOk } from '../wechat-answers';
import { ContentRules, Suggestion } from './content-rules';

const SCENES = new Set([1, 2, 3, 4]);
const MAX_CONTENT_LENGTH = 2500;

interface CheckAnswer {
  result: { suggest: Suggestion; label: number };
  detail: { strategy: string; errcode: number; suggest: Suggestion; label: number; prob: number }[];
  trace_id: string;
}

/** WeChat's `POST /wxa/msg_sec_check?access_token=`, version 2. */
@Controller('wxa')
export class MsgSecCheckController {
  constructor(
    private readonly gate: ApiGate,
    private readonly rules: ContentRules,
    private readonly sessions: SessionStore,
  ) {}

  @Post('msg_sec_check')
  @HttpCode(HttpStatus.OK)
  async check(
    @Query() query: Record<string, unknown>,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<CheckAnswer | WechatErrorAnswer> {
    const opened = await this.gate.open('msg_sec_check', query.access_token);
    if ('errcode' in opened) return opened;
    const { content, version, scene, openid } = body ?? {};
    if (
      version !== 2 ||
      typeof content !== 'string' ||
      content.length === 0 ||
      content.length > MAX_CONTENT_LENGTH ||
      typeof scene !== 'number' ||
      !SCENES.has(scene)
    ) {
      return wechatError(47001);
    }
    if (typeof openid !== 'string' || !this.sessions.isUser(opened.appid, openid)) {
      return wechatError(40003);
    }
    const verdict = this.rules.verdict(content);
    return wechatOk({
      result: verdict,
      detail: [{ strategy: 'content_model', errcode: 0, ...verdict, prob: 90 }],
      trace_id: randomPool.hex(12),
    });
  }
}
