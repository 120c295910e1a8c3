import { REDIS_CLIENT } from '@app/common';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';

import { PublicsConfig } from '../../config/publics.env';
import { RedisFallbackLog } from '../redis-fallback.log';
import { SessionKeyCipher } from './session-key.cipher';

/** How often expired keys are dropped from process memory. */
const MEMORY_PURGE_INTERVAL_MS = 60_000;

interface MemoryEntry {
  sealed: string;
  expiresAt: number;
}

/**
 * The session_key of each (appid, openid) from its latest login, encrypted at
 * rest (SessionKeyCipher), kept SESSION_KEY_TTL_SECONDS: in Redis when REDIS_URL
 * is set (every instance sees it), else, or while Redis is unreachable, in
 * process memory. It never leaves publics and never reaches a log line.
 */
@Injectable()
export class SessionKeyStore implements OnModuleDestroy {
  private readonly redisFallback = new RedisFallbackLog(
    new Logger(SessionKeyStore.name),
    'storing session keys',
  );
  private readonly cipher: SessionKeyCipher;
  private readonly ttlSeconds: number;
  /** In insertion order, which is expiry order (one TTL for all): purging stops at the first live entry. */
  private readonly memory = new Map<string, MemoryEntry>();
  private readonly purgeTimer: NodeJS.Timeout;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    config: ConfigService<PublicsConfig, true>,
  ) {
    this.cipher = new SessionKeyCipher(config.get('SESSION_KEY_SECRET', { infer: true }));
    this.ttlSeconds = config.get('SESSION_KEY_TTL_SECONDS', { infer: true });
    this.purgeTimer = setInterval(() => this.purge(), MEMORY_PURGE_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  async save(appid: string, openid: string, sessionKey: string): Promise<void> {
    const sealed = this.cipher.seal(sessionKey, appid, openid);
    const key = storeKey(appid, openid);
    if (this.redis) {
      try {
        await this.redis.set(key, sealed, 'EX', this.ttlSeconds);
        this.redisFallback.succeeded();
        // A key kept in memory during an outage would hide this newer one after the next outage.
        this.memory.delete(key);
        return;
      } catch (error) {
        this.redisFallback.failed(error);
      }
    }
    this.memory.delete(key);
    this.memory.set(key, { sealed, expiresAt: Date.now() + this.ttlSeconds * 1000 });
  }

  /** The user's session_key, or undefined when none is stored (or it expired). */
  async find(appid: string, openid: string): Promise<string | undefined> {
    const key = storeKey(appid, openid);
    let sealed: string | undefined;
    if (this.redis) {
      try {
        sealed = (await this.redis.get(key)) ?? undefined;
        this.redisFallback.succeeded();
      } catch (error) {
        this.redisFallback.failed(error);
      }
    }
    if (sealed === undefined) {
      const entry = this.memory.get(key);
      sealed = entry && Date.now() < entry.expiresAt ? entry.sealed : undefined;
    }
    return sealed === undefined ? undefined : this.cipher.open(sealed, appid, openid);
  }

  private purge(): void {
    const now = Date.now();
    for (const [key, entry] of this.memory) {
      if (now < entry.expiresAt) return;
      this.memory.delete(key);
    }
  }
}

/** The Redis key (REDIS_KEY_PREFIX is prepended by the client). */
export function storeKey(appid: string, openid: string): string {
  return `wechat:session-key:${appid}:${openid}`;
}
