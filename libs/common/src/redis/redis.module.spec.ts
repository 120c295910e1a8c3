import { randomBytes } from 'node:crypto';

import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';

import { createEnvValidator } from '../config/validate-env';
import { RedisEnv } from './redis.env';
import { REDIS_CLIENT, RedisModule } from './redis.module';

const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function moduleWith(env: Record<string, string>) {
  return Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({
        ignoreEnvFile: true,
        ignoreEnvVars: true,
        isGlobal: true,
        load: [() => createEnvValidator(RedisEnv)(env)],
      }),
      RedisModule.forRoot('spec'),
    ],
  }).compile();
}

describe(RedisModule.name, () => {
  it('provides null when REDIS_URL is unset', async () => {
    const moduleRef = await moduleWith({});

    expect(moduleRef.get(REDIS_CLIENT)).toBeNull();
    await moduleRef.close();
  });

  it('connects to REDIS_URL, prefixes every key with REDIS_KEY_PREFIX and disconnects on close', async () => {
    const prefix = `spec-${randomBytes(4).toString('hex')}:`;
    const moduleRef = await moduleWith({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
    const sut = moduleRef.get<Redis>(REDIS_CLIENT);
    const raw = new Redis(REDIS_URL);
    const ended = new Promise((resolve) => sut.once('end', resolve));
    try {
      await sut.set('greeting', 'hello', 'EX', 30);

      expect(await raw.get(`${prefix}greeting`)).toBe('hello');
      expect(await raw.get('greeting')).toBeNull();
    } finally {
      await raw.del(`${prefix}greeting`);
      raw.disconnect();
      await moduleRef.close();
    }
    await ended;
    expect(sut.status).toBe('end');
  });

  it('fails a command at once instead of queueing it while Redis is unreachable', async () => {
    const moduleRef = await moduleWith({ REDIS_URL: 'redis://127.0.0.1:1' });
    const sut = moduleRef.get<Redis>(REDIS_CLIENT);
    const started = Date.now();

    await expect(sut.get('anything')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
    await moduleRef.close();
  });

  it.each(['http://127.0.0.1:6379', 'redis://', 'redis://host:6379/db'])(
    'refuses REDIS_URL=%s at boot',
    (url) => {
      expect(() => createEnvValidator(RedisEnv)({ REDIS_URL: url })).toThrow(
        /REDIS_URL must look like/,
      );
    },
  );
});
