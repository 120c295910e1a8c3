import { Body, Controller, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';

import { ApiGate } from '../access-tokens/api-gate';
import { SandboxClock } from '../sandbox-clock';
import { SessionStore } from '../sessions/session.store';
import { wechatError, WechatErrorAnswer } from '../wechat-answers';
import { SubscriptionStore } from './subscription.store';

const STATES = new Set(['developer', 'trial', 'formal']);
/** A page path as the sandbox's pretend mini-program has them (`pages/index/index`), with an optional query. */
const PAGE_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*(\?.*)?$/;

/** Why `data` is not `{ keyword: { value: string } }`, in WeChat's errmsg style. */
function dataProblem(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return true;
  const fields = Object.values(data);
  return (
    fields.length === 0 ||
    fields.some(
      (field) =>
        typeof field !== 'object' ||
        field === null ||
        typeof (field as { value?: unknown }).value !== 'string',
    )
  );
}

/** WeChat's `POST /cgi-bin/message/subscribe/send?access_token=`. */
@Controller('cgi-bin/message/subscribe')
export class SubscribeSendController {
  constructor(
    private readonly gate: ApiGate,
    private readonly subscriptions: SubscriptionStore,
    private readonly sessions: SessionStore,
    private readonly clock: SandboxClock,
  ) {}

  @Post('send')
  @HttpCode(HttpStatus.OK)
  async send(
    @Query() query: Record<string, unknown>,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<{ errcode: 0; errmsg: 'ok' } | WechatErrorAnswer> {
    const opened = await this.gate.open('subscribe_send', query.access_token);
    if ('errcode' in opened) return opened;
    const { appid } = opened;
    const { touser, template_id: templateId, data, page, miniprogram_state: state } = body ?? {};
    if (typeof touser !== 'string' || !this.sessions.isUser(appid, touser)) {
      return wechatError(40003);
    }
    if (typeof templateId !== 'string' || !this.subscriptions.isTemplate(appid, templateId)) {
      return wechatError(40037);
    }
    if (page !== undefined && (typeof page !== 'string' || !PAGE_PATTERN.test(page))) {
      return wechatError(41030);
    }
    if (state !== undefined && (typeof state !== 'string' || !STATES.has(state))) {
      return wechatError(47001);
    }
    if (dataProblem(data)) return wechatError(47003);
    if (!this.subscriptions.consume(appid, touser, templateId)) return wechatError(43101);
    this.subscriptions.record({
      appid,
      touser,
      template_id: templateId,
      data,
      ...(page !== undefined && { page }),
      ...(state !== undefined && { miniprogram_state: state }),
      ...(body?.lang !== undefined && { lang: body.lang }),
      sentAt: this.clock.now(),
    });
    return { errcode: 0, errmsg: 'ok' };
  }
}
