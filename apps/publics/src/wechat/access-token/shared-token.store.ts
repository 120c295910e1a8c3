import { randomBytes } from 'node:crypto';

import { REDIS_CLIENT } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

import { CachedToken, parseCachedToken } from './cached-token';

/** Deletes the token only if it is still the one WeChat refused (another instance may have replaced it). */
const EXPIRE_IF_SAME = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, value = pcall(cjson.decode, raw)
if ok and type(value) == 'table' and value.token == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** Releases the refresh lock only if this caller still holds it. */
const UNLOCK_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The access tokens every publics instance shares, and the lock that lets one
 * instance at a time fetch a new one. Each method throws when Redis is
 * unreachable; AccessTokenService falls back to process memory then.
 */
@Injectable()
export class SharedTokenStore {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {}

  /** False when REDIS_URL is unset: tokens live in process memory only. */
  get enabled(): boolean {
    return this.redis !== null;
  }

  async read(appid: string): Promise<CachedToken | undefined> {
    return parseCachedToken(await this.client().get(tokenKey(appid)));
  }

  async write(appid: string, entry: CachedToken): Promise<void> {
    const ttlMs = Math.floor(entry.expiresAt - Date.now());
    if (ttlMs <= 0) return;
    await this.client().set(tokenKey(appid), JSON.stringify(entry), 'PX', ttlMs);
  }

  /** Compare-and-expire: true when `token` was the stored one and is gone now. */
  async expireIfSame(appid: string, token: string): Promise<boolean> {
    return (await this.client().eval(EXPIRE_IF_SAME, 1, tokenKey(appid), token)) === 1;
  }

  /** The lock to fetch a new token for `appid`: its owner id, or undefined when another caller holds it. */
  async tryLock(appid: string, ttlMs: number): Promise<string | undefined> {
    const owner = randomBytes(12).toString('base64url');
    const taken = await this.client().set(lockKey(appid), owner, 'PX', ttlMs, 'NX');
    return taken === 'OK' ? owner : undefined;
  }

  async unlock(appid: string, owner: string): Promise<void> {
    await this.client().eval(UNLOCK_IF_OWNER, 1, lockKey(appid), owner);
  }

  private client(): Redis {
    if (!this.redis) throw new Error('REDIS_URL is not set');
    return this.redis;
  }
}

/** Redis keys (REDIS_KEY_PREFIX is prepended by the client). */
export function tokenKey(appid: string): string {
  return `wechat:access-token:${appid}`;
}

export function lockKey(appid: string): string {
  return `wechat:access-token:${appid}:lock`;
}
