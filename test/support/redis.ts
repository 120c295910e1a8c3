import { randomBytes } from 'node:crypto';

import Redis from 'ioredis';

export const E2E_REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The real Redis's host and port, for a TcpProxy in front of it. */
export function redisAddress(): { host: string; port: number } {
  const url = new URL(E2E_REDIS_URL);
  return { host: url.hostname, port: Number(url.port || 6379) };
}

/**
 * A key prefix of its own on the shared Redis, and direct access to the keys
 * under it; drop() deletes them (never FLUSHDB: other tests use the same Redis).
 */
export class TestRedis {
  readonly prefix = `e2e-${randomBytes(5).toString('hex')}:`;
  private readonly client = new Redis(E2E_REDIS_URL, { lazyConnect: true });

  /** The keys under the prefix, without it. */
  async keys(): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.client.scan(
        cursor,
        'MATCH',
        `${this.prefix}*`,
        'COUNT',
        500,
      );
      cursor = next;
      found.push(...batch.map((key) => key.slice(this.prefix.length)));
    } while (cursor !== '0');
    return found.sort();
  }

  async drop(): Promise<void> {
    const keys = await this.keys();
    if (keys.length > 0) await this.client.del(...keys.map((key) => this.prefix + key));
    this.client.disconnect();
  }
}
