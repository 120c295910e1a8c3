import { randomBytes } from 'node:crypto';

import { createRedisClient } from '@app/common';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';
import { SharedThrottlerStorage } from './shared-throttler.storage';

const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MINUTE_MS = 60_000;

describe(SharedThrottlerStorage.name, () => {
  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('counts one key across two instances that share a Redis', async () => {
    const prefix = `spec-${randomBytes(4).toString('hex')}:`;
    const clients = [0, 1].map(() => createRedisClient(REDIS_URL, prefix, 'spec'));
    await Promise.all(clients.map((client) => new Promise((ready) => client.once('ready', ready))));
    try {
      const [one, two] = clients.map(
        (client) => new SharedThrottlerStorage(client, new FixedWindowThrottlerStorage()),
      );

      await one.increment('k', MINUTE_MS, 2, MINUTE_MS, 'ip');
      await two.increment('k', MINUTE_MS, 2, MINUTE_MS, 'ip');
      const third = await one.increment('k', MINUTE_MS, 2, MINUTE_MS, 'ip');

      expect(third).toMatchObject({ totalHits: 3, isBlocked: true });
    } finally {
      // Only this test's two keys: other tests share the Redis.
      await clients[0].del('{k:ip}:hits', '{k:ip}:blocked');
      clients.forEach((client) => client.disconnect());
    }
  });

  it('counts in process memory while Redis cannot answer, and says so once', async () => {
    const unreachable = createRedisClient('redis://127.0.0.1:1', 'spec:', 'spec');
    try {
      const sut = new SharedThrottlerStorage(unreachable, new FixedWindowThrottlerStorage());

      const first = await sut.increment('k', MINUTE_MS, 1, MINUTE_MS, 'ip');
      const second = await sut.increment('k', MINUTE_MS, 1, MINUTE_MS, 'ip');

      expect(first).toMatchObject({ totalHits: 1, isBlocked: false });
      expect(second).toMatchObject({ totalHits: 2, isBlocked: true });
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      unreachable.disconnect();
    }
  });

  it('refuses a connection the library would replace with one of its own', () => {
    const notAnIoredisInstance = { status: 'ready' } as unknown as Redis;

    expect(
      () => new SharedThrottlerStorage(notAnIoredisInstance, new FixedWindowThrottlerStorage()),
    ).toThrow(/did not take the shared connection/);
  });
});
