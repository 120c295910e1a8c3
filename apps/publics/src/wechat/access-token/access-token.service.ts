import { setTimeout as sleep } from 'node:timers/promises';

import { PublicsErrorCode } from '@app/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { PublicsConfig } from '../../config/publics.env';
import { PublicsException } from '../../errors/publics.exception';
import { WechatApp } from '../apps/wechat-apps';
import { RedisFallbackLog } from '../redis-fallback.log';
import { WechatAnswer, WechatClient, WechatStableTokenResponse } from '../wechat.client';
import { failedErrcode, WechatCaller } from '../wechat-call';
import { ACCESS_TOKEN_ERRCODES, contractError, WECHAT_SYSTEM_BUSY } from '../wechat-errors';
import { CachedToken, cachedToken, isFresh, isUsable } from './cached-token';
import { SharedTokenStore } from './shared-token.store';

/** How often an instance waiting for another one's refresh looks at Redis again. */
export const SHARED_REFRESH_POLL_MS = 25;

/**
 * The access token of each mini-program, fetched with the stable token API
 * only (so any number of instances, and other systems on the same appid,
 * coexist) and never with force_refresh.
 *
 * One fetch at a time per appid: callers in this process share one promise,
 * and instances share the token and a lock in Redis when REDIS_URL is set. When
 * Redis is unreachable each instance falls back to its own memory, still one
 * fetch per appid at a time. The token never reaches a log line.
 */
@Injectable()
export class AccessTokenService {
  private readonly logger = new Logger(AccessTokenService.name);
  private readonly redisFallback = new RedisFallbackLog(this.logger, 'sharing access tokens');
  private readonly memory = new Map<string, CachedToken>();
  private readonly refreshing = new Map<string, Promise<CachedToken>>();
  private readonly lockTtlMs: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly client: WechatClient,
    private readonly caller: WechatCaller,
    private readonly shared: SharedTokenStore,
    config: ConfigService<PublicsConfig, true>,
  ) {
    this.retryDelayMs = config.get('WECHAT_RETRY_DELAY_MS', { infer: true });
    // A fetch is at most two calls (a -1 is retried once) and the pause between them.
    this.lockTtlMs =
      2 * config.get('WECHAT_TIMEOUT_MS', { infer: true }) + this.retryDelayMs + 1000;
  }

  /** The app's current token: from memory, else from Redis, else from WeChat (one fetch for all callers). */
  get(app: WechatApp): Promise<CachedToken> {
    const cached = this.memory.get(app.appid);
    if (isFresh(cached, Date.now())) return Promise.resolve(cached);
    let pending = this.refreshing.get(app.appid);
    if (!pending) {
      pending = this.refresh(app, cached).finally(() => this.refreshing.delete(app.appid));
      this.refreshing.set(app.appid, pending);
    }
    return pending;
  }

  /**
   * WeChat refused `token`: forget it, in memory and in Redis, but only if it is
   * still the token held (another caller may already have replaced it).
   */
  async expire(app: WechatApp, token: string): Promise<void> {
    if (this.memory.get(app.appid)?.token === token) this.memory.delete(app.appid);
    if (!this.shared.enabled) return;
    try {
      if (await this.shared.expireIfSame(app.appid, token)) {
        this.logger.log({ appid: app.appid }, 'Dropped the access token WeChat refused');
      }
      this.redisFallback.succeeded();
    } catch (error) {
      this.redisFallback.failed(error);
    }
  }

  /**
   * Runs a call that needs the app's access token. When WeChat answers that
   * the token is invalid or expired (40001, 40014, 42001) it is expired as
   * above and the call is made once more with the current token.
   */
  async withToken<T extends WechatAnswer>(
    app: WechatApp,
    call: (accessToken: string) => Promise<T>,
  ): Promise<T> {
    const first = await this.get(app);
    const answer = await call(first.token);
    const errcode = failedErrcode(answer);
    if (errcode === undefined || !ACCESS_TOKEN_ERRCODES.has(errcode)) return answer;
    this.logger.warn(
      { appid: app.appid, errcode },
      'WeChat refused the access token: fetching the current one and retrying once',
    );
    await this.expire(app, first.token);
    const second = await this.get(app);
    return call(second.token);
  }

  private async refresh(app: WechatApp, stale: CachedToken | undefined): Promise<CachedToken> {
    let fresh: CachedToken;
    try {
      fresh = this.shared.enabled ? await this.refreshShared(app) : await this.fetch(app);
    } catch (error) {
      // WeChat (or the instance holding the lock) failed: a token WeChat still accepts beats an error.
      if (isUsable(stale, Date.now()) && error instanceof PublicsException) {
        this.logger.warn(
          { appid: app.appid, errorCode: error.code },
          'Could not refresh the access token: serving the current one until it expires',
        );
        return stale;
      }
      throw error;
    }
    this.memory.set(app.appid, fresh);
    return fresh;
  }

  /** The token from Redis, or fetched under the Redis lock; from WeChat directly when Redis fails. */
  private async refreshShared(app: WechatApp): Promise<CachedToken> {
    const deadline = Date.now() + this.lockTtlMs + 1000;
    let owner: string | undefined;
    try {
      while (Date.now() < deadline) {
        const stored = await this.shared.read(app.appid);
        if (isFresh(stored, Date.now())) return stored;
        owner = await this.shared.tryLock(app.appid, this.lockTtlMs);
        if (owner) break;
        await sleep(SHARED_REFRESH_POLL_MS);
      }
      if (owner) {
        // Another instance may have stored a token between the read and the lock.
        const stored = await this.shared.read(app.appid);
        if (isFresh(stored, Date.now())) return stored;
      }
      this.redisFallback.succeeded();
    } catch (error) {
      this.redisFallback.failed(error);
      return this.fetch(app);
    }
    try {
      const fetched = await this.fetch(app);
      await this.shared
        .write(app.appid, fetched)
        .catch((error) => this.redisFallback.failed(error));
      return fetched;
    } finally {
      if (owner) await this.shared.unlock(app.appid, owner).catch(() => undefined);
    }
  }

  /** One stable_token exchange (a -1 retried once), as a cached token. */
  private async fetch(app: WechatApp): Promise<CachedToken> {
    const fetchedAt = Date.now();
    let answer = await this.caller.call('stable_token', () => this.client.stableToken(app), [
      WECHAT_SYSTEM_BUSY,
    ]);
    if (failedErrcode(answer) === WECHAT_SYSTEM_BUSY) {
      await sleep(this.retryDelayMs);
      answer = await this.caller.call('stable_token', () => this.client.stableToken(app));
    }
    const entry = this.toCachedToken(answer, fetchedAt);
    this.logger.log(
      { appid: app.appid, expiresInSeconds: answer.expires_in },
      'Fetched an access token',
    );
    return entry;
  }

  private toCachedToken(answer: WechatStableTokenResponse, fetchedAt: number): CachedToken {
    const { access_token: token, expires_in: expiresIn } = answer;
    if (
      typeof token !== 'string' ||
      token.length === 0 ||
      typeof expiresIn !== 'number' ||
      expiresIn <= 0
    ) {
      throw new PublicsException(
        contractError(PublicsErrorCode.WECHAT_UNAVAILABLE, 'stable_token answered without a token'),
      );
    }
    return cachedToken(token, expiresIn, fetchedAt);
  }
}
