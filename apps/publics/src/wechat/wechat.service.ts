import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

import { Code2SessionResult } from '@app/contracts';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { PublicsConfig } from '../config/publics.env';
import { PublicsException } from '../errors/publics.exception';
import { MetricsService } from '../metrics/metrics.service';
import { WechatClient, WechatSessionResponse, WechatTransportError } from './wechat.client';
import { mapWechatErrcode, WECHAT_SYSTEM_BUSY, wechatUnavailable } from './wechat-errors';

function hasErrcode(
  response: WechatSessionResponse,
): response is WechatSessionResponse & { errcode: number } {
  return typeof response.errcode === 'number' && response.errcode !== 0;
}

@Injectable()
export class WechatService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WechatService.name);
  private readonly retryDelayMs: number;
  /** Exchanges under way, by code: a client retry of the same code joins the first exchange. */
  private readonly inFlight = new Map<string, Promise<Code2SessionResult>>();

  constructor(
    private readonly client: WechatClient,
    private readonly metrics: MetricsService,
    config: ConfigService<PublicsConfig, true>,
  ) {
    this.retryDelayMs = config.get('WECHAT_RETRY_DELAY_MS', { infer: true });
  }

  code2session(code: string): Promise<Code2SessionResult> {
    const pending = this.inFlight.get(code);
    if (pending) return pending;
    const exchange = this.metrics
      .countExchange(this.exchange(code))
      .finally(() => this.inFlight.delete(code));
    this.inFlight.set(code, exchange);
    return exchange;
  }

  /**
   * On SIGTERM, before the TCP server closes its sockets, let the exchanges
   * under way answer their callers (each is bounded by WECHAT_TIMEOUT_MS).
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.inFlight.size === 0) return;
    this.logger.log(
      { inFlight: this.inFlight.size },
      'Finishing WeChat calls under way before stopping',
    );
    await Promise.allSettled(this.inFlight.values());
    await nextTurn();
  }

  private async exchange(code: string): Promise<Code2SessionResult> {
    const started = performance.now();
    let response = await this.call(code);
    if (response.errcode === WECHAT_SYSTEM_BUSY) {
      await sleep(this.retryDelayMs);
      response = await this.call(code);
    }
    const durationMs = Math.round(performance.now() - started);
    if (hasErrcode(response)) {
      const error = mapWechatErrcode(response.errcode, response.errmsg);
      this.logger.warn(
        { errcode: response.errcode, errorCode: error.code, durationMs },
        'WeChat refused a login code',
      );
      throw new PublicsException(error);
    }
    if (typeof response.openid !== 'string' || response.openid.length === 0) {
      this.logger.warn({ durationMs }, 'WeChat answered without an openid');
      throw new PublicsException(wechatUnavailable('the answer has no openid'));
    }
    this.logger.debug({ durationMs }, 'Exchanged a login code');
    return typeof response.unionid === 'string' && response.unionid.length > 0
      ? { openid: response.openid, unionid: response.unionid }
      : { openid: response.openid };
  }

  private async call(code: string): Promise<WechatSessionResponse> {
    try {
      return await this.metrics.timeWechatCall(() => this.client.jscode2session(code));
    } catch (error) {
      if (error instanceof WechatTransportError) {
        this.logger.warn({ failure: error.failure }, `WeChat call failed: ${error.message}`);
        throw new PublicsException(wechatUnavailable(error.message));
      }
      throw error;
    }
  }
}
