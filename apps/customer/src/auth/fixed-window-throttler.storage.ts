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

/** At ≈ 200 bytes a record, the most the counters may hold: ≈ 40 MB. */
export const DEFAULT_MAX_KEYS = 200_000;

/**
 * In-memory counters for @nestjs/throttler with a fixed window per key.
 *
 * The library's default storage keeps an array of hit times and two Maps per
 * key for up to two minutes; with a per-code limit every login leaves one
 * behind. Here a key costs one small record, dropped within seconds of its
 * window's end, which is enough for limits counted per minute.
 *
 * The number of keys is bounded, so that a flood of distinct codes cannot grow
 * the heap without end: when full, the oldest key is forgotten first (its
 * client starts a fresh window), never a request refused for lack of room.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly records = new Map<string, WindowRecord>();
  private nextSweepAt = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

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
      // Deleted first, so that the new window takes its place at the end of the insertion order.
      if (record === undefined) this.makeRoom();
      else this.records.delete(key);
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

  /** O(1): a Map iterates in insertion order, so the first key is the oldest (and nearly always the first to expire). */
  private makeRoom(): void {
    for (const key of this.records.keys()) {
      if (this.records.size < this.maxKeys) break;
      this.records.delete(key);
    }
  }
}
