import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Login limits counted in Redis, so that they hold across every customer
 * instance; while Redis cannot answer, counted in this process instead (each
 * instance then allows the full limit) and logins go on. An outage is logged
 * once when it starts and once when it ends.
 */
export class SharedThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  private readonly shared: ThrottlerStorageRedisService;
  private usingLocal = false;

  constructor(
    redis: Redis,
    private readonly local: ThrottlerStorage,
  ) {
    this.shared = new ThrottlerStorageRedisService(redis);
    // The library quietly connects to 127.0.0.1 itself when `redis` fails its instanceof
    // check (a second copy of ioredis in the tree): refuse to start instead.
    if (this.shared.redis !== redis) {
      this.shared.redis.disconnect();
      throw new Error(
        'The Redis throttler storage did not take the shared connection (two copies of ioredis installed?)',
      );
    }
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    let record: ThrottlerStorageRecord;
    try {
      record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      if (!this.usingLocal) {
        this.usingLocal = true;
        this.logger.warn(
          { reason: (error as Error).message },
          'Login limits cannot be counted in Redis: counting them in this instance until it answers again',
        );
      }
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    if (this.usingLocal) {
      this.usingLocal = false;
      this.logger.log('Login limits are counted in Redis again');
    }
    return record;
  }
}
