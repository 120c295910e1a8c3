import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { createRedisClient } from '@app/common';
import { Code2SessionResult } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';

import { PublicsConfig } from '../../config/publics.env';
import { SharedCodeExchange } from './shared-code-exchange';

const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';
const APPID = 'wx-spec-appid';
const config = new ConfigService({
  WECHAT_APPID: APPID,
  WECHAT_TIMEOUT_MS: 1000,
  WECHAT_RETRY_DELAY_MS: 10,
}) as unknown as ConfigService<PublicsConfig, true>;

async function connected(prefix: string): Promise<Redis> {
  const client = createRedisClient(REDIS_URL, prefix, 'spec');
  await new Promise((ready) => client.once('ready', ready));
  return client;
}

/** Every key matching the pattern: SCAN pages through the whole keyspace, which other tests share. */
async function keysMatching(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return found;
}

describe(SharedCodeExchange.name, () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('exchanges a code sent to two instances at once only once, and answers both the same identity without its session_key', async () => {
    const prefix = `spec-${randomBytes(4).toString('hex')}:`;
    const clients = await Promise.all([connected(prefix), connected(prefix)]);
    const raw = new Redis(REDIS_URL);
    const code = `code-${randomBytes(4).toString('hex')}`;
    const resultKey = `code2session:result:${createHash('sha256').update(`${APPID}\0${code}`).digest('hex')}`;
    try {
      const [one, two] = clients.map((client) => new SharedCodeExchange(client, config));
      let calls = 0;
      const exchange = async (): Promise<Code2SessionResult> => {
        calls += 1;
        await sleep(150);
        return { openid: 'o-1', unionid: 'u-1', session_key: 'secret' } as Code2SessionResult;
      };

      const answers = await Promise.all([
        one.run(APPID, code, exchange),
        two.run(APPID, code, exchange),
      ]);

      expect(calls).toBe(1);
      // The caller that exchanged gets the exchange's own answer; the other, the stored identity.
      expect(answers).toContainEqual({ openid: 'o-1', unionid: 'u-1' });
      expect(answers.map(({ openid, unionid }) => ({ openid, unionid }))).toEqual([
        { openid: 'o-1', unionid: 'u-1' },
        { openid: 'o-1', unionid: 'u-1' },
      ]);
      expect(JSON.parse((await raw.get(prefix + resultKey)) ?? 'null')).toEqual({
        openid: 'o-1',
        unionid: 'u-1',
      });
      expect(await raw.pttl(prefix + resultKey)).toBeGreaterThan(55_000);
      expect(await keysMatching(raw, `${prefix}*${code}*`)).toEqual([]);
      expect(await two.run(APPID, code, exchange)).toEqual({ openid: 'o-1', unionid: 'u-1' });
      expect(calls).toBe(1);
    } finally {
      await raw.del(prefix + resultKey);
      raw.disconnect();
      clients.forEach((client) => client.disconnect());
    }
  });

  it('takes the answer another instance stored right after this one first looked, never exchanging again', async () => {
    const prefix = `spec-${randomBytes(4).toString('hex')}:`;
    const client = await connected(prefix);
    const raw = new Redis(REDIS_URL);
    const code = `code-${randomBytes(4).toString('hex')}`;
    const hash = createHash('sha256').update(`${APPID}\0${code}`).digest('hex');
    const [resultKey, lockKey] = [`code2session:result:${hash}`, `code2session:lock:${hash}`];
    try {
      // Another instance holds the lock; it stores its answer and releases the lock just
      // after this instance's first look at Redis, before anything else it sends.
      await raw.set(prefix + lockKey, 'other-instance', 'PX', 10_000);
      let first = true;
      const racing = new Proxy(client, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function' || !['get', 'eval'].includes(String(property))) {
            return value;
          }
          return async (...args: unknown[]) => {
            const answer: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(
              target,
              args,
            );
            if (first) {
              first = false;
              await raw.set(
                prefix + resultKey,
                JSON.stringify({ openid: 'o-other' }),
                'PX',
                60_000,
              );
              await raw.del(prefix + lockKey);
            }
            return answer;
          };
        },
      });
      let calls = 0;
      const sut = new SharedCodeExchange(racing, config);

      const answer = await sut.run(APPID, code, async () => {
        calls += 1;
        return { openid: 'o-again' };
      });

      expect(answer).toEqual({ openid: 'o-other' });
      expect(calls).toBe(0);
    } finally {
      await raw.del(prefix + resultKey, prefix + lockKey);
      raw.disconnect();
      client.disconnect();
    }
  });

  it('exchanges at once past a stored answer that is not an identity', async () => {
    const prefix = `spec-${randomBytes(4).toString('hex')}:`;
    const client = await connected(prefix);
    const code = `code-${randomBytes(4).toString('hex')}`;
    const hash = createHash('sha256').update(`${APPID}\0${code}`).digest('hex');
    try {
      await client.set(`code2session:result:${hash}`, 'not an identity', 'PX', 60_000);
      const started = Date.now();

      const answer = await new SharedCodeExchange(client, config).run(APPID, code, async () => ({
        openid: 'o-fresh',
      }));

      expect(answer).toEqual({ openid: 'o-fresh' });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(JSON.parse((await client.get(`code2session:result:${hash}`)) ?? 'null')).toEqual({
        openid: 'o-fresh',
      });
    } finally {
      await client.del(`code2session:result:${hash}`);
      client.disconnect();
    }
  });

  it('lets the next instance exchange when the first one failed, and stores no failure', async () => {
    const prefix = `spec-${randomBytes(4).toString('hex')}:`;
    const clients = await Promise.all([connected(prefix), connected(prefix)]);
    try {
      const [one, two] = clients.map((client) => new SharedCodeExchange(client, config));
      const failing = async (): Promise<Code2SessionResult> => {
        await sleep(50);
        throw new Error('WeChat is down');
      };
      const working = async (): Promise<Code2SessionResult> => ({ openid: 'o-2' });

      const results = await Promise.allSettled([
        one.run(APPID, 'code-x', failing),
        (async () => {
          await sleep(10);
          return two.run(APPID, 'code-x', working);
        })(),
      ]);

      expect(results[0].status).toBe('rejected');
      expect(results[1]).toEqual({ status: 'fulfilled', value: { openid: 'o-2' } });
    } finally {
      await clients[0].del(
        `code2session:result:${createHash('sha256').update(`${APPID}\0code-x`).digest('hex')}`,
      );
      clients.forEach((client) => client.disconnect());
    }
  });

  it("keeps the same code of two mini-programs apart: each app's code is exchanged for that app", async () => {
    const prefix = `spec-${randomBytes(4).toString('hex')}:`;
    const client = await connected(prefix);
    const code = `code-${randomBytes(4).toString('hex')}`;
    try {
      const sut = new SharedCodeExchange(client, config);
      const exchangeFor = (openid: string) => async (): Promise<Code2SessionResult> => ({ openid });

      expect(await sut.run(APPID, code, exchangeFor('o-first-app'))).toEqual({
        openid: 'o-first-app',
      });
      expect(await sut.run('wx-other-appid', code, exchangeFor('o-other-app'))).toEqual({
        openid: 'o-other-app',
      });
      expect(await sut.run(APPID, code, exchangeFor('never-asked'))).toEqual({
        openid: 'o-first-app',
      });
    } finally {
      client.disconnect();
    }
  });

  it('exchanges on its own while Redis cannot answer, and says so once', async () => {
    const unreachable = createRedisClient('redis://127.0.0.1:1', 'spec:', 'spec');
    try {
      const sut = new SharedCodeExchange(unreachable, config);
      let calls = 0;
      const exchange = async (): Promise<Code2SessionResult> => ({ openid: `o-${++calls}` });

      expect(await sut.run(APPID, 'a', exchange)).toEqual({ openid: 'o-1' });
      expect(await sut.run(APPID, 'b', exchange)).toEqual({ openid: 'o-2' });
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      unreachable.disconnect();
    }
  });
});
