import {
  MAX_SEQUENCE,
  MAX_TIMESTAMP_OFFSET_MS,
  MAX_WORKER_ID,
  SNOWFLAKE_EPOCH_MS,
  TIMESTAMP_SHIFT,
  WORKER_ID_SHIFT,
} from './snowflake.constants';

export interface SnowflakeOptions {
  /** 0–1023; must be unique among the instances writing to one table. */
  workerId: number;
  /** Milliseconds since the Unix epoch; Date.now by default. */
  clock?: () => number;
  /** A clock that went back by at most this much is waited for; further back is refused. */
  maxBackwardMs?: number;
}

export class ClockMovedBackwardsError extends Error {
  constructor(readonly backwardMs: number) {
    super(
      `The clock moved back by ${backwardMs} ms; refusing to generate ids until it catches up, to avoid duplicates`,
    );
    this.name = ClockMovedBackwardsError.name;
  }
}

/** Time-ordered 64-bit ids, hutool-compatible (see snowflake.constants). */
export class SnowflakeGenerator {
  readonly workerId: number;
  private readonly clock: () => number;
  private readonly maxBackwardMs: number;
  private readonly workerBits: bigint;
  private lastTimestamp = -1;
  private sequence = 0;
  /** (lastTimestamp - epoch) << 22 | worker << 12, recomputed once per millisecond. */
  private prefix = 0n;

  constructor(options: SnowflakeOptions) {
    const { workerId, clock = Date.now, maxBackwardMs = 5 } = options;
    if (!Number.isInteger(workerId) || workerId < 0 || workerId > MAX_WORKER_ID) {
      throw new RangeError(
        `workerId must be an integer from 0 to ${MAX_WORKER_ID}, got ${workerId}`,
      );
    }
    this.workerId = workerId;
    this.clock = clock;
    this.maxBackwardMs = maxBackwardMs;
    this.workerBits = BigInt(workerId) << WORKER_ID_SHIFT;
  }

  nextId(): bigint {
    let now = this.clock();
    if (now === this.lastTimestamp) {
      if (this.sequence < MAX_SEQUENCE) {
        this.sequence += 1;
        return this.prefix | BigInt(this.sequence);
      }
      now = this.waitUntilAfter(this.lastTimestamp);
    } else if (now < this.lastTimestamp) {
      const backwardMs = this.lastTimestamp - now;
      if (backwardMs > this.maxBackwardMs) throw new ClockMovedBackwardsError(backwardMs);
      now = this.waitUntilAfter(this.lastTimestamp);
    }
    this.startMillisecond(now);
    return this.prefix;
  }

  private startMillisecond(now: number): void {
    const offset = now - SNOWFLAKE_EPOCH_MS;
    if (offset < 0 || offset > MAX_TIMESTAMP_OFFSET_MS) {
      throw new RangeError(`The clock (${now}) is outside the range snowflake ids can carry`);
    }
    this.lastTimestamp = now;
    this.sequence = 0;
    this.prefix = (BigInt(offset) << TIMESTAMP_SHIFT) | this.workerBits;
  }

  /** Spins until the clock passes `timestamp`: at most a millisecond, or maxBackwardMs after a small step back. */
  private waitUntilAfter(timestamp: number): number {
    let now = this.clock();
    while (now <= timestamp) now = this.clock();
    return now;
  }
}

/** Ids one generator makes per second on this machine, measured over `durationMs`. */
export function measureSnowflakeThroughput(durationMs: number, workerId = 1): number {
  const generator = new SnowflakeGenerator({ workerId });
  const started = performance.now();
  let count = 0;
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < 10_000; i += 1) generator.nextId();
    count += 10_000;
    elapsed = performance.now() - started;
  }
  return Math.round((count / elapsed) * 1000);
}
