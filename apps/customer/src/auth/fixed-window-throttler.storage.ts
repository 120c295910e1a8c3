import { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const SWEEP_EVERY_MS = 10_000;

/**
 * A key's window is one number: the ms after the storage's epoch at which it
 * ends, times HITS_SCALE, plus its hits. Hits stop counting at MAX_HITS, past
 * any limit the configuration allows.
 */
const HITS_SCALE = 2 ** 20;
export const MAX_HITS = HITS_SCALE - 1;
/** Window ends stay below 2^32 ms after the epoch, so a packed window stays an exact double (< 2^53). */
const MAX_OFFSET_MS = 2 ** 32 - 2 ** 30;

function secondsUntil(time: number, now: number): number {
  return Math.max(0, Math.ceil((time - now) / 1000));
}

/** The end of a packed window; `packed - end * HITS_SCALE` is its hits (also for an end below 0). */
function windowEnd(packed: number): number {
  return Math.floor(packed / HITS_SCALE);
}

/** A key ends with its window, or with its block: a client that waited out a block starts afresh. */
function isOver(packed: number, blockedUntil: number | undefined, now: number): boolean {
  return (blockedUntil ?? windowEnd(packed)) <= now;
}

/** At ≈ 100 bytes a key (its 22-character key included), the most the counters may hold: ≈ 20 MB. */
export const DEFAULT_MAX_KEYS = 200_000;

/**
 * In-memory counters for @nestjs/throttler with a fixed window per key.
 *
 * The library's default storage keeps an array of hit times and two Maps per
 * key for up to two minutes; with a per-code limit every login leaves one
 * behind. Here a key costs one number, dropped within seconds of its window's
 * end, which is enough for limits counted per minute; a key that was blocked
 * also has its block's end in a second, small map.
 *
 * The number of keys is bounded, so that a flood of distinct codes cannot grow
 * the heap without end: when full, the oldest key is forgotten first (its
 * client starts a fresh window), never a request refused for lack of room.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  /** Packed windows, in insertion order: the order their windows started in. */
  private readonly windows = new Map<string, number>();
  /** Ends of blocks, in ms after the epoch, of the keys that were blocked in their current window. */
  private readonly blocks = new Map<string, number>();
  private nextSweepAt = 0;
  private epoch: number;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {
    this.epoch = clock();
  }

  get size(): number {
    return this.windows.size;
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
    let packed = this.windows.get(key);
    let blockedUntil = this.blocks.get(key);
    if (packed === undefined || isOver(packed, blockedUntil, now)) {
      // Deleted first, so that the new window takes its place at the end of the insertion order.
      if (packed === undefined) this.makeRoom();
      else this.forget(key);
      packed = (now + ttl) * HITS_SCALE;
      blockedUntil = undefined;
    }
    const windowEndsAt = windowEnd(packed);
    let hits = packed - windowEndsAt * HITS_SCALE;
    if (blockedUntil === undefined || blockedUntil <= now) {
      hits = Math.min(hits + 1, MAX_HITS);
      if (hits > limit) {
        // Without a block duration the key stays blocked for the rest of its window.
        blockedUntil = blockDuration > 0 ? now + blockDuration : windowEndsAt;
        this.blocks.set(key, blockedUntil);
      }
      this.windows.set(key, windowEndsAt * HITS_SCALE + hits);
    }
    const blockEnd = blockedUntil ?? -Infinity;
    const isBlocked = blockEnd > now;
    return Promise.resolve({
      totalHits: hits,
      timeToExpire: secondsUntil(windowEndsAt, now),
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsUntil(blockEnd, now) : 0,
    });
  }

  private forget(key: string): void {
    this.windows.delete(key);
    this.blocks.delete(key);
  }

  /** The clock in ms after the epoch; the epoch moves forward before packed windows would lose precision. */
  private now(): number {
    const now = this.clock() - this.epoch;
    if (now < MAX_OFFSET_MS) return now;
    this.moveEpoch(now);
    return 0;
  }

  /** Every stored time moves with the epoch: what ended before it is below 0, and still ended. */
  private moveEpoch(by: number): void {
    this.epoch += by;
    this.nextSweepAt -= by;
    for (const [key, packed] of this.windows) this.windows.set(key, packed - by * HITS_SCALE);
    for (const [key, blockedUntil] of this.blocks) this.blocks.set(key, blockedUntil - by);
  }

  private sweepExpired(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_EVERY_MS;
    for (const [key, packed] of this.windows) {
      if (isOver(packed, this.blocks.get(key), now)) this.forget(key);
    }
  }

  /** O(1): a Map iterates in insertion order, so the first key is the oldest (and nearly always the first to expire). */
  private makeRoom(): void {
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.forget(key);
    }
  }
}
