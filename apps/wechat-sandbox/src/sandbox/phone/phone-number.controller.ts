import { setTimeout as sleep } from 'node:timers/promises';

import { Body, Controller, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';

import { ApiGate } from '../access-tokens/api-gate';
import { SandboxClock } from '../sandbox-clock';
import { wechatError, WechatErrorAnswer, wechatOk } from '../wechat-answers';
import { PhoneCodeStore, PhoneInfo } from './phone-code.store';

type PhoneAnswer = { phone_info: PhoneInfo & { watermark: { timestamp: number; appid: string } } };

/** WeChat's `POST /wxa/business/getuserphonenumber?access_token=` with `{ code }`. */
@Controller('wxa/business')
export class PhoneNumberController {
  constructor(
    private readonly gate: ApiGate,
    private readonly codes: PhoneCodeStore,
    private readonly clock: SandboxClock,
  ) {}

  @Post('getuserphonenumber')
  @HttpCode(HttpStatus.OK)
  async phoneNumber(
    @Query() query: Record<string, unknown>,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<PhoneAnswer | WechatErrorAnswer> {
    const opened = await this.gate.open('getuserphonenumber', query.access_token);
    if ('errcode' in opened) return opened;
    const code = body?.code;
    if (typeof code !== 'string' || code === '') return wechatError(47001);
    const exchange = this.codes.exchange(code, opened.appid);
    if (exchange.delayMs > 0) await sleep(exchange.delayMs);
    if (exchange.outcome === 'error') return wechatError(exchange.errcode);
    return wechatOk({
      phone_info: {
        ...exchange.phone,
        watermark: { timestamp: Math.floor(this.clock.now() / 1000), appid: opened.appid },
      },
    });
  }
}
