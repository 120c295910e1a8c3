import { Injectable } from '@nestjs/common';

import { CODE_TTL_MS } from '../code-store';
import { randomPool } from '../random-pool';
import { SandboxClock } from '../sandbox-clock';

export interface PhoneCodeOptions {
  appid: string;
  purePhoneNumber: string;
  countryCode: string;
  errcode?: number;
  failures?: number;
  delayMs?: number;
}

export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export type PhoneExchange =
  | { outcome: 'phone'; phone: PhoneInfo; delayMs: number }
  | { outcome: 'error'; errcode: number; delayMs: number };

interface LivePhoneCode extends PhoneCodeOptions {
  delayMs: number;
  expiresAt: number;
  failuresLeft: number;
  used: boolean;
}

/** Phone codes (getPhoneNumber button) with the rules of login codes: once, five minutes, one app. */
@Injectable()
export class PhoneCodeStore {
  private readonly codes = new Map<string, LivePhoneCode>();

  constructor(private readonly clock: SandboxClock) {}

  mint(options: PhoneCodeOptions): string {
    const now = this.clock.now();
    for (const [code, stored] of this.codes) {
      if (now < stored.expiresAt) break;
      this.codes.delete(code);
    }
    const code = randomPool.hex(32);
    this.codes.set(code, {
      ...options,
      delayMs: options.delayMs ?? 0,
      expiresAt: now + CODE_TTL_MS,
      failuresLeft: options.errcode === undefined ? 0 : (options.failures ?? Infinity),
      used: false,
    });
    return code;
  }

  /** One getuserphonenumber call: unknown, foreign, expired or used codes are 40029, as on WeChat. */
  exchange(code: string, appid: string): PhoneExchange {
    const stored = this.codes.get(code);
    if (!stored || stored.appid !== appid) return { outcome: 'error', errcode: 40029, delayMs: 0 };
    const { delayMs } = stored;
    if (this.clock.now() >= stored.expiresAt || stored.used) {
      return { outcome: 'error', errcode: 40029, delayMs };
    }
    if (stored.failuresLeft > 0) {
      stored.failuresLeft -= 1;
      return { outcome: 'error', errcode: stored.errcode ?? -1, delayMs };
    }
    stored.used = true;
    const { purePhoneNumber, countryCode } = stored;
    const phoneNumber =
      countryCode === '86' ? purePhoneNumber : `+${countryCode}${purePhoneNumber}`;
    return { outcome: 'phone', phone: { phoneNumber, purePhoneNumber, countryCode }, delayMs };
  }
}
