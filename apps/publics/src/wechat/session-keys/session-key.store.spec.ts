import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';

import { SessionKeyStore, storeKey } from './session-key.store';

const SESSION_KEY = 'tiihtNczf5v6AKRyjwEUhQ==';
const TTL_SECONDS = 600;
const T0 = 1_764_000_000_000;

/** A Redis over a Map (SET with EX, GET), or one that fails every command as a closed connection does. */
class FakeRedis {
  readonly values = new Map<string, { value: string; ttl: number }>();
  down = false;

  async set(key: string, value: string, _ex: 'EX', ttl: number): Promise<'OK'> {
    if (this.down) throw new Error('Connection is closed.');
    this.values.set(key, { value, ttl });
    return 'OK';
  }

  async get(key: string): Promise<string | null> {
    if (this.down) throw new Error('Connection is closed.');
    return this.values.get(key)?.value ?? null;
  }
}

function store(redis: FakeRedis | null): SessionKeyStore {
  return new SessionKeyStore(
    redis as unknown as Redis | null,
    new ConfigService({
      SESSION_KEY_SECRET: 'unit-session-key-secret-of-32-characters!',
      SESSION_KEY_TTL_SECONDS: TTL_SECONDS,
    }) as never,
  );
}

describe(SessionKeyStore.name, () => {
  let now: number;
  const stores: SessionKeyStore[] = [];
  const make = (redis: FakeRedis | null) => {
    const sut = store(redis);
    stores.push(sut);
    return sut;
  };

  beforeEach(() => {
    now = T0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    stores.splice(0).forEach((sut) => sut.onModuleDestroy());
  });

  it('keeps the key in Redis, sealed, for SESSION_KEY_TTL_SECONDS, where another instance finds it', async () => {
    const redis = new FakeRedis();

    await make(redis).save('wx-a', 'o-1', SESSION_KEY);

    const stored = redis.values.get(storeKey('wx-a', 'o-1'));
    expect(stored?.ttl).toBe(TTL_SECONDS);
    expect(stored?.value).not.toContain(SESSION_KEY);
    await expect(make(redis).find('wx-a', 'o-1')).resolves.toBe(SESSION_KEY);
    await expect(make(redis).find('wx-b', 'o-1')).resolves.toBeUndefined();
  });

  it('keeps the key in memory without Redis, until the TTL is over', async () => {
    const sut = make(null);
    await sut.save('wx-a', 'o-1', SESSION_KEY);

    now = T0 + TTL_SECONDS * 1000 - 1;
    await expect(sut.find('wx-a', 'o-1')).resolves.toBe(SESSION_KEY);
    now = T0 + TTL_SECONDS * 1000;
    await expect(sut.find('wx-a', 'o-1')).resolves.toBeUndefined();
  });

  it('falls back to memory while Redis is down, and finds those keys once it is back', async () => {
    const redis = new FakeRedis();
    const sut = make(redis);
    redis.down = true;

    await sut.save('wx-a', 'o-1', SESSION_KEY);
    await expect(sut.find('wx-a', 'o-1')).resolves.toBe(SESSION_KEY);
    redis.down = false;

    await expect(sut.find('wx-a', 'o-1')).resolves.toBe(SESSION_KEY);
  });

  it('prefers the newer key in Redis over one kept in memory during an outage', async () => {
    const redis = new FakeRedis();
    const sut = make(redis);
    redis.down = true;
    await sut.save('wx-a', 'o-1', 'old-key-kept-in-memory==');
    redis.down = false;

    await sut.save('wx-a', 'o-1', SESSION_KEY);

    await expect(sut.find('wx-a', 'o-1')).resolves.toBe(SESSION_KEY);
  });
});
