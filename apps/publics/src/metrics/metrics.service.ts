import { PublicsErrorCode } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

import { PublicsException } from '../errors/publics.exception';
import {
  WechatSessionResponse,
  WechatTransportError,
  WechatTransportFailure,
} from '../wechat/wechat.client';
import { mapWechatErrcode, WechatApi } from '../wechat/wechat-errors';

/** How one HTTP call to WeChat ended: an answer (with or without errcode), or why there was none. */
export type WechatCallOutcome = 'ok' | 'errcode' | WechatTransportFailure | 'error';

/** `success`, or the contract code the exchange failed with. */
export type ExchangeOutcome = 'success' | PublicsErrorCode;

/** The errcode label: the errcodes publics knows by value, any other as `other` (WeChat decides them). */
export function errcodeLabel(errcode: number): string {
  return mapWechatErrcode(errcode, undefined).code === PublicsErrorCode.WECHAT_ERROR
    ? 'other'
    : String(errcode);
}

function hasErrcode(response: WechatSessionResponse): response is { errcode: number } {
  return typeof response.errcode === 'number' && response.errcode !== 0;
}

/** publics' instruments. Every label value comes from a fixed set. */
@Injectable()
export class MetricsService {
  private readonly wechatCalls: Histogram<'outcome'>;
  private readonly wechatErrcodes: Counter<'errcode'>;
  private readonly exchanges: Counter<'outcome'>;
  private readonly gatewayCalls: Counter<'api' | 'outcome'>;

  constructor(registry: Registry) {
    this.wechatCalls = new Histogram({
      name: 'wechat_api_duration_seconds',
      help: 'Duration of HTTP calls to WeChat jscode2session, by outcome (ok, errcode, timeout, network, http-status, not-json, error)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.wechatErrcodes = new Counter({
      name: 'wechat_errcodes_total',
      help: 'errcodes WeChat answered, by errcode (other for errcodes publics does not map)',
      labelNames: ['errcode'],
      registers: [registry],
    });
    this.exchanges = new Counter({
      name: 'wechat_code2session_total',
      help: 'Login code exchanges, by outcome (success or the contract error code)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.gatewayCalls = new Counter({
      name: 'wechat_gateway_calls_total',
      help: 'Calls of the gateway patterns to WeChat APIs other than jscode2session, by api and outcome (ok, the errcode, or why there was no answer)',
      labelNames: ['api', 'outcome'],
      registers: [registry],
    });
  }

  /** Counts one gateway call to WeChat: `ok`, its errcode (`other` when unmapped) or the transport failure. */
  countGatewayCall(api: WechatApi, outcome: 'ok' | WechatTransportFailure | number): void {
    this.gatewayCalls.inc({
      api,
      outcome: typeof outcome === 'number' ? errcodeLabel(outcome) : outcome,
    });
  }

  /** Runs one call to WeChat, timing it and counting the errcode it answers. */
  async timeWechatCall(call: () => Promise<WechatSessionResponse>): Promise<WechatSessionResponse> {
    const stop = this.wechatCalls.startTimer();
    let response: WechatSessionResponse;
    try {
      response = await call();
    } catch (error) {
      const outcome: WechatCallOutcome =
        error instanceof WechatTransportError ? error.failure : 'error';
      stop({ outcome });
      throw error;
    }
    const outcome: WechatCallOutcome = hasErrcode(response) ? 'errcode' : 'ok';
    stop({ outcome });
    if (hasErrcode(response)) {
      this.wechatErrcodes.inc({ errcode: errcodeLabel(response.errcode) });
    }
    return response;
  }

  /** Counts how a code exchange ends (once per exchange, however many callers share it). */
  async countExchange<T>(exchange: Promise<T>): Promise<T> {
    try {
      const result = await exchange;
      const outcome: ExchangeOutcome = 'success';
      this.exchanges.inc({ outcome });
      return result;
    } catch (error) {
      const outcome: ExchangeOutcome =
        error instanceof PublicsException ? error.code : PublicsErrorCode.INTERNAL_ERROR;
      this.exchanges.inc({ outcome });
      throw error;
    }
  }
}
