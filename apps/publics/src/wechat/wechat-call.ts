import { Injectable } from '@nestjs/common';

import { PublicsException } from '../errors/publics.exception';
import { MetricsService } from '../metrics/metrics.service';
import { WechatAnswer, WechatTransportError } from './wechat.client';
import { mapWechatErrcode, WechatApi, wechatUnavailable } from './wechat-errors';

/** The errcode of an answer that failed, or undefined for a success (no errcode, or 0). */
export function failedErrcode(answer: WechatAnswer): number | undefined {
  return typeof answer.errcode === 'number' && answer.errcode !== 0 ? answer.errcode : undefined;
}

/**
 * Runs the gateway's calls to WeChat and turns their failures into contract
 * errors: no answer → WECHAT_UNAVAILABLE, an errcode → its contract code from
 * the one table in wechat-errors.ts, except the errcodes in `answers` (which
 * the caller reads as an answer, e.g. checksession's 87009). Each call is
 * counted by api and outcome.
 */
@Injectable()
export class WechatCaller {
  constructor(private readonly metrics: MetricsService) {}

  async call<T extends WechatAnswer>(
    api: WechatApi,
    call: () => Promise<T>,
    answers: readonly number[] = [],
  ): Promise<T> {
    let answer: T;
    try {
      answer = await call();
    } catch (error) {
      if (error instanceof WechatTransportError) {
        this.metrics.countGatewayCall(api, error.failure);
        throw new PublicsException(wechatUnavailable(`${api}: ${error.message}`));
      }
      throw error;
    }
    const errcode = failedErrcode(answer);
    this.metrics.countGatewayCall(api, errcode ?? 'ok');
    if (errcode !== undefined && !answers.includes(errcode)) {
      throw new PublicsException(mapWechatErrcode(errcode, answer.errmsg, api));
    }
    return answer;
  }
}
