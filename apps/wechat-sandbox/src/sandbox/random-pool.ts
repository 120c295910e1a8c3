import { randomBytes } from 'node:crypto';

const DEFAULT_POOL_BYTES = 8 * 1024;

/**
 * Cryptographically random bytes handed out from a buffer refilled in one call,
 * as Node does for randomUUID: a synchronous randomBytes costs a few
 * microseconds whatever its size, and the hot path needs some on every request
 * (codes, session keys, request ids). Every byte is handed out once.
 */
export class RandomPool {
  private pool: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly poolBytes: number = DEFAULT_POOL_BYTES) {}

  /** `size` fresh random bytes, valid until the next call (copy them if they must outlive it). */
  bytes(size: number): Buffer {
    if (size > this.poolBytes) return randomBytes(size);
    if (this.offset + size > this.pool.length) {
      this.pool = randomBytes(this.poolBytes);
      this.offset = 0;
    }
    const chunk = this.pool.subarray(this.offset, this.offset + size);
    this.offset += size;
    return chunk;
  }

  base64url(size: number): string {
    return this.bytes(size).toString('base64url');
  }

  base64(size: number): string {
    return this.bytes(size).toString('base64');
  }

  hex(size: number): string {
    return this.bytes(size).toString('hex');
  }
}

/** The process's pool; the sandbox is single-threaded, so one is enough. */
export const randomPool = new RandomPool();
