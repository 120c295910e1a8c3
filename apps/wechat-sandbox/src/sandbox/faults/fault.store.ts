import { setTimeout as sleep } from 'node:timers/promises';

import { Injectable } from '@nestjs/common';

/** The sandbox's WeChat APIs a fault can be injected into. */
export const SANDBOX_APIS = [
  'stable_token',
  'getuserphonenumber',
  'checksession',
  'subscribe_send',
  'msg_sec_check',
] as const;
export type SandboxApi = (typeof SANDBOX_APIS)[number];

export interface FaultOptions {
  /** Answer this errcode… */
  errcode?: number;
  /** …for this many calls (default: every one until cleared). */
  failures?: number;
  /** Hold every answer of the API this long while the fault is set. */
  delayMs?: number;
}

interface Fault {
  errcode: number | undefined;
  failuresLeft: number;
  delayMs: number;
}

/**
 * Failures and latency injected per API, as codes carry them for jscode2session:
 * the next `failures` calls answer `errcode`, every call waits `delayMs`. Checked
 * after the access token (or the credentials) are, as WeChat would.
 */
@Injectable()
export class FaultStore {
  private readonly faults = new Map<SandboxApi, Fault>();

  set(api: SandboxApi, options: FaultOptions): void {
    this.faults.set(api, {
      errcode: options.errcode,
      failuresLeft:
        options.errcode === undefined ? 0 : (options.failures ?? Number.POSITIVE_INFINITY),
      delayMs: options.delayMs ?? 0,
    });
  }

  clear(): void {
    this.faults.clear();
  }

  /** Waits the API's delay, and answers the errcode to fail this call with, if any. */
  async apply(api: SandboxApi): Promise<number | undefined> {
    const fault = this.faults.get(api);
    if (!fault) return undefined;
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.errcode === undefined || fault.failuresLeft <= 0) return undefined;
    fault.failuresLeft -= 1;
    return fault.errcode;
  }
}
