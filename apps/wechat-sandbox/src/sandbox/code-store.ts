import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { randomPool } from './random-pool';
import { SandboxClock } from './sandbox-clock';

/** WeChat's codes live five minutes. */
export const CODE_TTL_MS = 5 * 60_000;
/** How often codes that can no longer be answered are dropped. */
export const CODE_PURGE_INTERVAL_MS = 60_000;

export const ERRCODE_SYSTEM_BUSY = -1;
export const ERRCODE_INVALID_CODE = 40029;
export const ERRCODE_CODE_USED = 40163;

/** 24 random bytes are 32 url-safe base64 characters, the length of a wx.login code. */
const CODE_BYTES = 24;

export interface MintOptions {
  /** The mini-program the code is for: another app's exchange of it answers 40029. */
  appid: string;
  openid: string;
  unionid: string;
  /** Answer this errcode instead of a session… */
  errcode?: number;
  /** …for this many exchanges (default: all of them). */
  failures?: number;
  /** Hold every answer about this code this long. */
  delayMs?: number;
}

/** What one exchange of a code comes to; the controller writes it as WeChat's body. */
export type Exchange =
  | { outcome: 'session'; openid: string; unionid: string; delayMs: number }
  | { outcome: 'error'; errcode: number; delayMs: number };

interface LiveCode {
  readonly expiresAt: number;
  readonly appid: string;
  readonly openid: string;
  readonly unionid: string;
  readonly errcode: number | undefined;
  readonly delayMs: number;
  failuresLeft: number;
  used: boolean;
}

/**
 * A used code that has nothing left to say but "used" (40163) until it expires:
 * only its expiry is kept, so a benchmark that burns a code per request holds
 * a few dozen bytes per code rather than the whole record.
 */
type SpentCode = number;

const UNKNOWN_CODE: Exchange = Object.freeze({
  outcome: 'error',
  errcode: ERRCODE_INVALID_CODE,
  delayMs: 0,
});
const USED_CODE: Exchange = Object.freeze({
  outcome: 'error',
  errcode: ERRCODE_CODE_USED,
  delayMs: 0,
});

/**
 * The codes the sandbox has issued, with WeChat's rules: a code works once and
 * for five minutes; tests can make it fail (an errcode for its first exchanges)
 * or answer slowly. Codes are kept in the order they were minted, which is the
 * order they expire in, so purging stops at the first code still alive.
 */
@Injectable()
export class CodeStore implements OnModuleInit, OnModuleDestroy {
  private readonly codes = new Map<string, LiveCode | SpentCode>();
  private purgeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly clock: SandboxClock) {}

  onModuleInit(): void {
    this.purgeTimer = setInterval(() => this.purge(), CODE_PURGE_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
    this.purgeTimer = undefined;
  }

  /** Issues a fresh code, as wx.login does for a mini-program user. */
  mint(options: MintOptions): string {
    const code = randomPool.base64url(CODE_BYTES);
    const injected = options.errcode !== undefined;
    this.codes.set(code, {
      expiresAt: this.clock.now() + CODE_TTL_MS,
      appid: options.appid,
      openid: options.openid,
      unionid: options.unionid,
      errcode: options.errcode,
      delayMs: options.delayMs ?? 0,
      failuresLeft: injected ? (options.failures ?? Number.POSITIVE_INFINITY) : 0,
      used: false,
    });
    return code;
  }

  /**
   * One jscode2session call with `code`. The code's state changes as the call
   * arrives, before any delay, as on WeChat: a second call cannot overtake it.
   */
  exchange(code: string, appid: string): Exchange {
    const stored = this.codes.get(code);
    if (stored === undefined) return UNKNOWN_CODE;
    const now = this.clock.now();
    if (typeof stored === 'number') return now >= stored ? UNKNOWN_CODE : USED_CODE;
    if (stored.appid !== appid) return UNKNOWN_CODE;

    const { delayMs } = stored;
    if (now >= stored.expiresAt) {
      return { outcome: 'error', errcode: ERRCODE_INVALID_CODE, delayMs };
    }
    if (stored.errcode !== undefined && stored.failuresLeft > 0) {
      stored.failuresLeft -= 1;
      // -1 is WeChat being busy: the code was never looked at, so it stays usable.
      if (stored.errcode !== ERRCODE_SYSTEM_BUSY) stored.used = true;
      this.compactIfSpent(code, stored);
      return { outcome: 'error', errcode: stored.errcode, delayMs };
    }
    if (stored.used) return { outcome: 'error', errcode: ERRCODE_CODE_USED, delayMs };

    stored.used = true;
    this.compactIfSpent(code, stored);
    return { outcome: 'session', openid: stored.openid, unionid: stored.unionid, delayMs };
  }

  /** Codes held, alive or waiting to be purged. */
  get size(): number {
    return this.codes.size;
  }

  /** Drops the codes that have expired; whatever they are asked, the answer is 40029 anyway. */
  purge(): void {
    const now = this.clock.now();
    for (const [code, stored] of this.codes) {
      const expiresAt = typeof stored === 'number' ? stored : stored.expiresAt;
      if (now < expiresAt) return;
      this.codes.delete(code);
    }
  }

  /** Replacing a Map value keeps the key's place, so the expiry order holds. */
  private compactIfSpent(code: string, stored: LiveCode): void {
    if (stored.used && stored.failuresLeft === 0 && stored.delayMs === 0) {
      this.codes.set(code, stored.expiresAt);
    }
  }
}
