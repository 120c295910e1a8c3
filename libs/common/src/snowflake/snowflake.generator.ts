import {
  DEFAULT_MAX_BACKWARD_MS,
  MAX_SEQUENCE,
  MAX_TIMESTAMP_OFFSET_MS,
  MAX_WORKER_ID,
  SNOWFLAKE_EPOCH_MS,
  TIMESTAMP_SHIFT,
  WORKER_ID_SHIFT,
} from './snowflake.constants';

export interface SnowflakeOptions {
  /** 0–1023 (hutool: dataCenterId << 5 | workerId); unique among the instances writing to one table. */
  workerId: number;
  /** Whole milliseconds since the Unix epoch; Date.now by default. */
  clock?: () => number;
  /** A clock that went back by at most this much is waited for; further back is refused. Default 5. */
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

/** Time-ordered 64-bit ids, strictly increasing per generator, hutool-compatible (see snowflake.constants). */
export class SnowflakeGenerator {
  readonly workerId: number;
  private readonly clock: () => number;
  private readonly maxBackwardMs: number;
  private readonly workerBits: bigint;
  /** -Infinity until the first id, so that no clock reading can pass for the current millisecond. */
  private lastTimestamp = Number.NEGATIVE_INFINITY;
  private sequence = 0;
  /** The last id handed out; within one millisecond the next is this + 1n. */
  private lastId = 0n;

  constructor(options: SnowflakeOptions) {
    const { workerId, clock = Date.now, maxBackwardMs = DEFAULT_MAX_BACKWARD_MS } = options;
    if (!Number.isInteger(workerId) || workerId < 0 || workerId > MAX_WORKER_ID) {
      throw new RangeError(
        `workerId must be an integer from 0 to ${MAX_WORKER_ID}, got ${workerId}`,
      );
    }
    if (!Number.isInteger(maxBackwardMs) || maxBackwardMs < 0) {
      throw new RangeError(`maxBackwardMs must be a non-negative integer, got ${maxBackwardMs}`);
    }
    this.workerId = workerId;
    this.clock = clock;
    this.maxBackwardMs = maxBackwardMs;
    this.workerBits = BigInt(workerId) << WORKER_ID_SHIFT;
  }

  nextId(): bigint {
    let now = this.clock();
    if (now < this.lastTimestamp) now = this.waitForClock(now, this.lastTimestamp);
    if (now === this.lastTimestamp) {
      if (this.sequence < MAX_SEQUENCE) {
        this.sequence += 1;
        // The sequence sits in the low bits and has not overflowed, so +1n cannot carry into the worker bits.
        return (this.lastId += 1n);
      }
      now = this.waitForClock(now, this.lastTimestamp + 1);
    }
    return this.startMillisecond(now);
  }

  private startMillisecond(now: number): bigint {
    const offset = now - SNOWFLAKE_EPOCH_MS;
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_TIMESTAMP_OFFSET_MS) {
      throw new RangeError(
        `The clock reads ${now}, which snowflake ids cannot carry: they need whole milliseconds from ` +
          `${SNOWFLAKE_EPOCH_MS} to ${SNOWFLAKE_EPOCH_MS + MAX_TIMESTAMP_OFFSET_MS}`,
      );
    }
    this.lastTimestamp = now;
    this.sequence = 0;
    this.lastId = (BigInt(offset) << TIMESTAMP_SHIFT) | this.workerBits;
    return this.lastId;
  }

  /**
   * Spins until the clock reaches `target`: the next millisecond after a used-up sequence, or the last
   * timestamp after a small step back. Sleeping is no option in a synchronous call, and the wait is at
   * most about maxBackwardMs + 1 ms unless the clock jumps back further while we wait, which throws.
   */
  private waitForClock(now: number, target: number): number {
    while (now < target) {
      const backwardMs = this.lastTimestamp - now;
      if (backwardMs > this.maxBackwardMs) throw new ClockMovedBackwardsError(backwardMs);
      now = this.clock();
    }
    return now;
  }
}

/**
 * Ids per second one generator makes on this machine over `durationMs` of wall time. The layout caps
 * it at 4096 ids per millisecond (4,096,000/s): beyond that the generator waits for the clock.
 */
export function measureSnowflakeThroughput(durationMs: number, workerId = 1): number {
  if (!Number.isFinite(durationMs) || durationMs <= 0) {
    throw new RangeError(`durationMs must be a positive number, got ${durationMs}`);
  }
  const generator = new SnowflakeGenerator({ workerId });
  const batch = 10_000;
  // Let the JIT compile nextId before the clock starts.
  for (let i = 0; i < batch; i += 1) generator.nextId();
  let count = 0;
  let elapsed = 0;
  const started = performance.now();
  do {
    for (let i = 0; i < batch; i += 1) generator.nextId();
    count += batch;
    elapsed = performance.now() - started;
  } while (elapsed < durationMs);
  return Math.round((count / elapsed) * 1000);
}
