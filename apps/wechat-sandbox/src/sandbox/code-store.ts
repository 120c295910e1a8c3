import { randomBytes } from 'node:crypto';

import { Injectable, OnModuleDestroy } from '@nestjs/common';

import { SandboxClock } from './sandbox-clock';

/** WeChat's codes live five minutes. */
export const CODE_TTL_MS = 5 * 60_000;
const PURGE_INTERVAL_MS = 60_000;
export const SYSTEM_BUSY_ERRCODE = -1;

export interface MintOptions {
  user: string;
  openid: string;
  unionid: string;
  errcode?: number;
  failures?: number;
  delayMs?: number;
}

interface StoredCode extends MintOptions {
  expiresAt: number;
  used: boolean;
  failuresLeft: number;
}

export type Exchange =
  | { outcome: 'session'; openid: string; unionid: string; delayMs: number }
  | { outcome: 'error'; errcode: number; delayMs: number };

export const ERRCODE_INVALID_CODE = 40029;
export const ERRCODE_CODE_USED = 40163;

/** The codes the sandbox has issued, with WeChat's rules: single use, five minutes, injected failures. */
@Injectable()
export class CodeStore implements OnModuleDestroy {
  private readonly codes = new Map<string, StoredCode>();
  private readonly purgeTimer = setInterval(() => this.purge(), PURGE_INTERVAL_MS).unref();

  constructor(private readonly clock: SandboxClock) {}

  mint(options: MintOptions): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, {
      ...options,
      expiresAt: this.clock.now() + CODE_TTL_MS,
      used: false,
      failuresLeft:
        options.errcode === undefined ? 0 : (options.failures ?? Number.POSITIVE_INFINITY),
    });
    return code;
  }

  /** One jscode2session call with this code. The code is used up as the call arrives, as WeChat does. */
  exchange(code: string): Exchange {
    const stored = this.codes.get(code);
    if (!stored || this.clock.now() >= stored.expiresAt) {
      return { outcome: 'error', errcode: ERRCODE_INVALID_CODE, delayMs: stored?.delayMs ?? 0 };
    }
    const delayMs = stored.delayMs ?? 0;
    if (stored.errcode !== undefined && stored.failuresLeft > 0) {
      stored.failuresLeft -= 1;
      if (stored.errcode !== SYSTEM_BUSY_ERRCODE) stored.used = true;
      return { outcome: 'error', errcode: stored.errcode, delayMs };
    }
    if (stored.used) return { outcome: 'error', errcode: ERRCODE_CODE_USED, delayMs };
    stored.used = true;
    return { outcome: 'session', openid: stored.openid, unionid: stored.unionid, delayMs };
  }

  get size(): number {
    return this.codes.size;
  }

  /** Drops codes that can no longer succeed, so memory stays bounded under load. */
  purge(): void {
    const now = this.clock.now();
    for (const [code, stored] of this.codes) {
      if (now >= stored.expiresAt) this.codes.delete(code);
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }
}
