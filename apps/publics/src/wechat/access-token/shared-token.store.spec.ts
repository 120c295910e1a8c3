import { randomBytes } from 'node:crypto';

import { createRedisClient } from '@app/common';
import Redis from 'ioredis';

import { cachedToken } from './cached-token';
import { lockKey, SharedTokenStore, tokenKey } from './shared-token.store';

const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';
const APPID = 'wx-shared-spec';

/** SharedTokenStore against the real Redis, under a key prefix of its own. */
describe(SharedTokenStore.name, () => {
  const prefix = `spec-${randomBytes(4).toString('hex')}:`;
  let client: Redis;
  let raw: Redis;
  let sut: SharedTokenStore;

  beforeAll(async () => {
    client = createRedisClient(REDIS_URL, prefix, 'shared-token-spec');
    // The app's client refuses commands until it is connected (no offline queue): wait for it.
    await new Promise((ready) => client.once('ready', ready));
    raw = new Redis(REDIS_URL);
    sut = new SharedTokenStore(client);
  });
  afterAll(async () => {
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    raw.disconnect();
    client.disconnect();
  });
  beforeEach(async () => {
    await raw.del(`${prefix}${tokenKey(APPID)}`, `${prefix}${lockKey(APPID)}`);
  });

  it('stores a token under the prefix until it expires', async () => {
    const entry = cachedToken('token-1', 7200, Date.now());

    await sut.write(APPID, entry);

    await expect(sut.read(APPID)).resolves.toEqual(entry);
    const ttl = await raw.pttl(`${prefix}${tokenKey(APPID)}`);
    expect(ttl).toBeGreaterThan(7190_000);
    expect(ttl).toBeLessThanOrEqual(7200_000);
  });

  it('expires the token only while it is still the one refused (compare-and-expire)', async () => {
    await sut.write(APPID, cachedToken('token-new', 7200, Date.now()));

    await expect(sut.expireIfSame(APPID, 'token-old')).resolves.toBe(false);
    await expect(sut.read(APPID)).resolves.toMatchObject({ token: 'token-new' });
    await expect(sut.expireIfSame(APPID, 'token-new')).resolves.toBe(true);
    await expect(sut.read(APPID)).resolves.toBeUndefined();
    await expect(sut.expireIfSame(APPID, 'token-new')).resolves.toBe(false);
  });

  it('leaves a value that is not a token alone', async () => {
    await raw.set(`${prefix}${tokenKey(APPID)}`, 'not json');

    await expect(sut.expireIfSame(APPID, 'not json')).resolves.toBe(false);
    await expect(sut.read(APPID)).resolves.toBeUndefined();
  });

  it('gives the lock to one caller at a time, released only by its owner, and for a limited time', async () => {
    const owner = await sut.tryLock(APPID, 5000);

    expect(owner).toEqual(expect.any(String));
    await expect(sut.tryLock(APPID, 5000)).resolves.toBeUndefined();
    await sut.unlock(APPID, 'someone-else');
    await expect(sut.tryLock(APPID, 5000)).resolves.toBeUndefined();
    await sut.unlock(APPID, owner as string);
    await expect(sut.tryLock(APPID, 50)).resolves.toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(sut.tryLock(APPID, 5000)).resolves.toEqual(expect.any(String));
  });

  it('is disabled without Redis', () => {
    expect(new SharedTokenStore(null).enabled).toBe(false);
  });
});
