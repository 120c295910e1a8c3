import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

import { Code2SessionResult, PublicsErrorCode } from '@app/contracts';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { PublicsConfig } from '../config/publics.env';
import { PublicsException } from '../errors/publics.exception';
import { MetricsService } from '../metrics/metrics.service';
import { WechatApp } from './apps/wechat-apps';
import { SessionKeyStore } from './session-keys/session-key.store';
import { WechatClient, WechatSessionResponse, WechatTransportError } from './wechat.client';
import { mapWechatErrcode, WECHAT_SYSTEM_BUSY, wechatUnavailable } from './wechat-errors';

interface InFlightExchange {
  result: Promise<Code2SessionResult>;
  /** The request id of the caller that started the exchange. */
  requestId?: string;
}

function hasErrcode(
  response: WechatSessionResponse,
): response is WechatSessionResponse & { errcode: number } {
  return typeof response.errcode === 'number' && response.errcode !== 0;
}

@Injectable()
export class WechatService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WechatService.name);
  private readonly retryDelayMs: number;
  /** Exchanges under way, by appid and code: a client retry of the same code joins the first exchange. */
  private readonly inFlight = new Map<string, InFlightExchange>();

  constructor(
    private readonly client: WechatClient,
    private readonly metrics: MetricsService,
    private readonly sessionKeys: SessionKeyStore,
    config: ConfigService<PublicsConfig, true>,
  ) {
    this.retryDelayMs = config.get('WECHAT_RETRY_DELAY_MS', { infer: true });
  }

  /**
   * The identity behind a login code. requestId (the caller's request id, when
   * it sent one) is on every log line about the exchange; the code never is.
   * The session_key is stored (SessionKeyStore) before the identity is answered.
   */
  code2session(app: WechatApp, code: string, requestId?: string): Promise<Code2SessionResult> {
    const key = `${app.appid}\n${code}`;
    const pending = this.inFlight.get(key);
    if (pending) {
      this.logger.log(
        { requestId, joinedRequestId: pending.requestId },
        'Joined the exchange of the same login code under way',
      );
      return pending.result;
    }
    const result = this.metrics
      .countExchange(this.exchange(app, code, requestId))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, { result, requestId });
    return result;
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
    await Promise.allSettled([...this.inFlight.values()].map((exchange) => exchange.result));
    await nextTurn();
  }

  /** One exchange, -1 retried once. Its outcome is logged once: info on success, warn on failure. */
  private async exchange(
    app: WechatApp,
    code: string,
    requestId: string | undefined,
  ): Promise<Code2SessionResult> {
    const started = performance.now();
    const outcome = () => ({ requestId, durationMs: Math.round(performance.now() - started) });
    let response: WechatSessionResponse;
    try {
      response = await this.call(app, code);
      if (response.errcode === WECHAT_SYSTEM_BUSY) {
        await sleep(this.retryDelayMs);
        response = await this.call(app, code);
      }
    } catch (error) {
      if (error instanceof WechatTransportError) {
        this.logger.warn(
          { ...outcome(), errorCode: PublicsErrorCode.WECHAT_UNAVAILABLE, failure: error.failure },
          `WeChat call failed: ${error.message}`,
        );
        throw new PublicsException(wechatUnavailable(error.message));
      }
      // A bug: the exception filter logs it with an error id; this line ties it to the request.
      this.logger.warn(
        { ...outcome(), errorCode: PublicsErrorCode.INTERNAL_ERROR },
        'Login code exchange failed unexpectedly',
      );
      throw error;
    }
    if (hasErrcode(response)) {
      const error = mapWechatErrcode(response.errcode, response.errmsg);
      this.logger.warn(
        { ...outcome(), errcode: response.errcode, errorCode: error.code },
        'WeChat refused a login code',
      );
      throw new PublicsException(error);
    }
    if (typeof response.openid !== 'string' || response.openid.length === 0) {
      this.logger.warn(
        { ...outcome(), errorCode: PublicsErrorCode.WECHAT_UNAVAILABLE },
        'WeChat answered without an openid',
      );
      throw new PublicsException(wechatUnavailable('the answer has no openid'));
    }
    if (typeof response.session_key === 'string' && response.session_key.length > 0) {
      await this.sessionKeys.save(app.appid, response.openid, response.session_key);
    }
    this.logger.log(outcome(), 'Exchanged a login code');
    return typeof response.unionid === 'string' && response.unionid.length > 0
      ? { openid: response.openid, unionid: response.unionid }
      : { openid: response.openid };
  }

  private call(app: WechatApp, code: string): Promise<WechatSessionResponse> {
    return this.metrics.timeWechatCall(() => this.client.jscode2session(app, code));
  }
}
