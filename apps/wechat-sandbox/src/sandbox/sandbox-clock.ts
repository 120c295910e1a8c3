import { Injectable } from '@nestjs/common';

/** Epoch milliseconds that never go back, even when the wall clock is corrected. */
function monotonicNow(): number {
  return Math.floor(performance.timeOrigin + performance.now());
}

/**
 * The sandbox's notion of now: a real clock plus however far tests moved it
 * forward (POST /sandbox/clock/advance). It only ever moves forward.
 */
@Injectable()
export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = monotonicNow) {}

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  /** Moves the clock `ms` forward and answers the new now. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`The sandbox clock only moves forward, got ${ms} ms`);
    }
    this.offsetMs += ms;
    return this.now();
  }
}
