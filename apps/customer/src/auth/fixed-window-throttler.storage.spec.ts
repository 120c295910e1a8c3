import { LOGIN_LIMIT_MAX } from '../config/customer.env';
import { FixedWindowThrottlerStorage, MAX_HITS } from './fixed-window-throttler.storage';

describe(FixedWindowThrottlerStorage.name, () => {
  const MINUTE = 60_000;
  let now: number;
  let storage: FixedWindowThrottlerStorage;

  beforeEach(() => {
    now = 1_000_000;
    storage = new FixedWindowThrottlerStorage(() => now);
  });

  const hit = (key = 'k', limit = 3, blockDuration = MINUTE) =>
    storage.increment(key, MINUTE, limit, blockDuration, 'ip');

  it('counts hits within the window and lets the limit through', async () => {
    await hit();
    await hit();
    now += 5_000;
    await expect(hit()).resolves.toEqual({
      totalHits: 3,
      timeToExpire: 55,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('blocks the hit over the limit for the block duration and does not count while blocked', async () => {
    for (let i = 0; i < 3; i++) await hit();
    now += 1_000;
    await expect(hit('k', 3, 30_000)).resolves.toMatchObject({
      isBlocked: true,
      totalHits: 4,
      timeToBlockExpire: 30,
    });
    now += 10_500;
    await expect(hit('k', 3, 30_000)).resolves.toMatchObject({
      isBlocked: true,
      totalHits: 4,
      timeToBlockExpire: 20,
    });
  });

  it('starts afresh once the block has passed', async () => {
    for (let i = 0; i < 4; i++) await hit();
    now += MINUTE;
    await expect(hit()).resolves.toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('starts a new window once the old one has ended', async () => {
    for (let i = 0; i < 3; i++) await hit();
    now += MINUTE;
    await expect(hit()).resolves.toMatchObject({
      isBlocked: false,
      totalHits: 1,
      timeToExpire: 60,
    });
  });

  it('without a block duration blocks for the rest of the window', async () => {
    for (let i = 0; i < 3; i++) await hit('k', 3, 0);
    now += 20_000;
    await expect(hit('k', 3, 0)).resolves.toMatchObject({ isBlocked: true, timeToBlockExpire: 40 });
    now += 40_000;
    await expect(hit('k', 3, 0)).resolves.toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('keeps keys apart', async () => {
    for (let i = 0; i < 4; i++) await hit('a');
    await expect(hit('b')).resolves.toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('forgets keys whose window and block have ended, so memory stays bounded', async () => {
    for (let i = 0; i < 1_000; i++) await hit(`code:${i}`, 1);
    for (let i = 0; i < 2; i++) await hit('blocked', 1, 5 * MINUTE);
    expect(storage.size).toBe(1_001);
    now += MINUTE + 10_000;
    await hit('fresh');
    expect(storage.size).toBe(2);
  });

  it('forgets the oldest keys first when it holds as many keys as it may', async () => {
    const small = new FixedWindowThrottlerStorage(() => now, 3);
    for (const key of ['a', 'b', 'c']) {
      await small.increment(key, MINUTE, 1, MINUTE, 'code');
      await small.increment(key, MINUTE, 1, MINUTE, 'code');
    }
    await small.increment('d', MINUTE, 1, MINUTE, 'code');

    expect(small.size).toBe(3);
    await expect(small.increment('a', MINUTE, 1, MINUTE, 'code')).resolves.toMatchObject({
      isBlocked: false,
      totalHits: 1,
    });
    await expect(small.increment('c', MINUTE, 1, MINUTE, 'code')).resolves.toMatchObject({
      isBlocked: true,
    });
  });

  it('keeps its windows and blocks when its clock runs past the range its windows are packed in', async () => {
    now = 1_000_000 + 2 ** 32 - 2 ** 30 - 30_000;
    for (let i = 0; i < 3; i++) await hit('window', 3, 0);
    await hit('blocked', 1, 45_000);
    await hit('blocked', 1, 45_000);
    now += 40_000;
    await expect(hit('window', 3, 0)).resolves.toMatchObject({
      totalHits: 4,
      isBlocked: true,
      timeToBlockExpire: 20,
    });
    await expect(hit('blocked', 1, 45_000)).resolves.toMatchObject({
      totalHits: 2,
      isBlocked: true,
      timeToBlockExpire: 5,
    });
    now += 20_000;
    await expect(hit('window', 3, 0)).resolves.toMatchObject({ totalHits: 1, timeToExpire: 60 });
    await expect(hit('blocked', 1, 45_000)).resolves.toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('counts past the highest limit the configuration allows', () => {
    expect(MAX_HITS).toBeGreaterThan(LOGIN_LIMIT_MAX);
  });

  it('counts up to MAX_HITS hits in a window, so a limit just below it still blocks', async () => {
    const limit = MAX_HITS - 1;
    let last;
    for (let i = 0; i < limit; i++) last = await storage.increment('k', MINUTE, limit, 0, 'ip');
    expect(last).toMatchObject({ totalHits: limit, isBlocked: false, timeToExpire: 60 });
    await expect(storage.increment('k', MINUTE, limit, 0, 'ip')).resolves.toMatchObject({
      totalHits: MAX_HITS,
      isBlocked: true,
    });
  });

  it('is not fooled by a clock set back before it started', async () => {
    now -= 5_000;
    await expect(hit('k', 3, 0)).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
