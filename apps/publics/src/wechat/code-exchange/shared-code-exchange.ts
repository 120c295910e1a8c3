import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { REDIS_CLIENT } from '@app/common';
import { Code2SessionResult } from '@app/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';

import { PublicsConfig } from '../../config/publics.env';

/** How long an answer stays: a client retry within it is answered without asking WeChat. */
export const RESULT_TTL_MS = 60_000;
/** How often an instance waiting for another one's exchange looks for its answer. */
const POLL_MS = 20;
/** Slack beyond the WeChat calls themselves before a lock (and a wait) runs out. */
const LOCK_SLACK_MS = 1000;

/**
 * The stored answer (`[1, answer]`), else the lock taken for us (`[2]`), else `[0]` (another
 * instance holds it), in one atomic step. Looking for the answer and taking the lock apart let
 * an instance miss an answer stored between the two and take the lock its holder had just
 * released: the code was exchanged twice.
 */
const ANSWER_OR_LOCK_SCRIPT = `
local stored = redis.call('GET', KEYS[1])
if stored then return {1, stored} end
if redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2], 'NX') then return {2} end
return {0}`;

/** Releases the lock only if it is still ours (it may have run out and been taken). */
const RELEASE_SCRIPT =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** Only the identity is kept: never the session_key, whatever the exchange returns. */
function identityOf(result: Code2SessionResult): Code2SessionResult {
  return result.unionid === undefined
    ? { openid: result.openid }
    : { openid: result.openid, unionid: result.unionid };
}

function parseIdentity(stored: string): Code2SessionResult | undefined {
  try {
    const value = JSON.parse(stored) as Partial<Code2SessionResult>;
    if (typeof value.openid !== 'string' || value.openid.length === 0) return undefined;
    return identityOf(value as Code2SessionResult);
  } catch {
    return undefined;
  }
}

/**
 * One exchange per login code across every publics instance sharing a Redis:
 * the first takes a lock on the code's hash (sha256 of appid and code; the code
 * itself is never stored) and stores the identity for RESULT_TTL_MS; the others
 * wait for that answer. Without REDIS_URL, or while Redis cannot answer, each
 * instance exchanges on its own (its in-process dedupe still applies).
 */
@Injectable()
export class SharedCodeExchange {
  private readonly logger = new Logger(SharedCodeExchange.name);
  private readonly owner = randomBytes(8).toString('hex');
  private readonly lockTtlMs: number;
  private redisFailing = false;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    config: ConfigService<PublicsConfig, true>,
  ) {
    // A -1 is retried once: two calls and the pause between them.
    this.lockTtlMs =
      2 * config.get('WECHAT_TIMEOUT_MS', { infer: true }) +
      config.get('WECHAT_RETRY_DELAY_MS', { infer: true }) +
      LOCK_SLACK_MS;
  }

  /** The identity behind the app's code: a shared answer if there is one, else exchange() once for all instances. */
  async run(
    appid: string,
    code: string,
    exchange: () => Promise<Code2SessionResult>,
    requestId?: string,
  ): Promise<Code2SessionResult> {
    const redis = this.redis;
    if (!redis) return exchange();
    const hash = createHash('sha256').update(`${appid}\0${code}`).digest('hex');
    const resultKey = `code2session:result:${hash}`;
    const lockKey = `code2session:lock:${hash}`;
    try {
      const shared = await this.sharedAnswerOrLock(redis, resultKey, lockKey);
      if (shared) {
        this.logger.log({ requestId }, 'Answered a login code with the identity another call got');
        return shared;
      }
    } catch (error) {
      this.noteFailure(error);
      return exchange();
    }
    try {
      const result = await exchange();
      await redis
        .set(resultKey, JSON.stringify(identityOf(result)), 'PX', RESULT_TTL_MS)
        .catch((error: unknown) => this.noteFailure(error));
      return result;
    } finally {
      await redis
        .eval(RELEASE_SCRIPT, 1, lockKey, this.owner)
        .catch((error: unknown) => this.noteFailure(error));
    }
  }

  /** The stored identity once there is one, or undefined once this instance holds the lock. */
  private async sharedAnswerOrLock(
    redis: Redis,
    resultKey: string,
    lockKey: string,
  ): Promise<Code2SessionResult | undefined> {
    // Past the lock's lifetime its holder is gone: exchange anyway.
    const deadline = Date.now() + this.lockTtlMs;
    for (;;) {
      const [state, stored] = (await redis.eval(
        ANSWER_OR_LOCK_SCRIPT,
        2,
        resultKey,
        lockKey,
        this.owner,
        this.lockTtlMs,
      )) as [number, string?];
      const shared = state === 1 && stored !== undefined ? parseIdentity(stored) : undefined;
      if (shared) return shared;
      // An answer that is not an identity counts as none: take the lock past it.
      const unreadable =
        state === 1 && (await redis.set(lockKey, this.owner, 'PX', this.lockTtlMs, 'NX')) === 'OK';
      if (state === 2 || unreadable || Date.now() > deadline) {
        this.noteRecovery();
        return undefined;
      }
      await sleep(POLL_MS);
    }
  }

  private noteFailure(error: unknown): void {
    if (this.redisFailing) return;
    this.redisFailing = true;
    this.logger.warn(
      { reason: (error as Error).message },
      'Redis cannot answer: login codes are exchanged without sharing them with the other instances',
    );
  }

  private noteRecovery(): void {
    if (!this.redisFailing) return;
    this.redisFailing = false;
    this.logger.log('Login codes are shared through Redis again');
  }
}
