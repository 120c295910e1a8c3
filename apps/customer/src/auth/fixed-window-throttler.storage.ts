import { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface WindowRecord {
  hits: number;
  windowEndsAt: number;
  blockedUntil: number;
}

const SWEEP_EVERY_MS = 10_000;

function secondsUntil(time: number, now: number): number {
  return Math.max(0, Math.ceil((time - now) / 1000));
}

/** A record ends with its window, or with its block: a client that waited out a block starts afresh. */
function isOver(record: WindowRecord, now: number): boolean {
  if (record.blockedUntil !== 0) return record.blockedUntil <= now;
  return record.windowEndsAt <= now;
}

/**
 * In-memory counters for @nestjs/throttler with a fixed window per key.
 *
 * The library's default storage keeps a timestamp per hit, a Map per key and a
 * Map per throttler, swept once a minute: with a per-code limit every login
 * leaves such a record behind, ≈100 MB of heap at 1,000 logins/s. One small
 * object per key, dropped within seconds of its window's end, is enough for
 * limits counted per minute.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly records = new Map<string, WindowRecord>();
  private nextSweepAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.records.size;
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    // One storage per throttler name is not needed: the guard's keys already carry the name.
    _throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    this.sweepExpired(now);
    let record = this.records.get(key);
    if (record === undefined || isOver(record, now)) {
      record = { hits: 0, windowEndsAt: now + ttl, blockedUntil: 0 };
      this.records.set(key, record);
    }
    if (record.blockedUntil <= now) {
      record.hits += 1;
      if (record.hits > limit) {
        // Without a block duration the key stays blocked for the rest of its window.
        record.blockedUntil = blockDuration > 0 ? now + blockDuration : record.windowEndsAt;
      }
    }
    const isBlocked = record.blockedUntil > now;
    return Promise.resolve({
      totalHits: record.hits,
      timeToExpire: secondsUntil(record.windowEndsAt, now),
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsUntil(record.blockedUntil, now) : 0,
    });
  }

  private sweepExpired(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_EVERY_MS;
    for (const [key, record] of this.records) {
      if (isOver(record, now)) this.records.delete(key);
    }
  }
}
