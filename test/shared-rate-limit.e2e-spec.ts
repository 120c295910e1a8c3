import { ManagedProcess } from '../tools/local-stack/managed-process';
import { expectError, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { redisAddress, TestRedis } from './support/redis';
import { TcpProxy } from './support/tcp-proxy';

const PER_IP_LIMIT = 60;

describe('login limits shared through Redis by two customers', () => {
  const redis = new TestRedis();
  let proxy: TcpProxy;
  // Before the stack's own beforeAll, which reads REDIS_URL.
  beforeAll(async () => {
    proxy = await TcpProxy.start(redisAddress());
  });
  const sut = useLoginStack('sqlite', {
    customerEnv: {
      LOGIN_RATE_LIMIT: String(PER_IP_LIMIT),
      LOGIN_CODE_RATE_LIMIT: '5',
      REDIS_KEY_PREFIX: redis.prefix,
      get REDIS_URL() {
        return `redis://127.0.0.1:${proxy.port}`;
      },
    } as Record<string, string>,
  });
  let second: { process: ManagedProcess; url: string };

  beforeAll(async () => {
    second = await sut.stack.extraCustomer({ WORKER_ID: '5' });
    await second.process.start();
  });
  afterAll(async () => {
    await second?.process.stop();
    await proxy?.cut();
    await redis.drop();
  });

  const attempt = (url: string, code: string) => request(`${url}/login`, { body: { code } });
  const outageWarnings = (output: string) =>
    output.split('\n').filter((line) => line.includes('cannot be counted in Redis')).length;

  it('answers the 61st login of one IP within a minute 429, whichever customer it reaches, and counts in Redis', async () => {
    const urls = [sut.stack.customerUrl, second.url];
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP_LIMIT; i += 1) {
      statuses.push((await attempt(urls[i % 2], `unknown-${i}`)).status);
    }

    expect(statuses).toEqual(Array(PER_IP_LIMIT).fill(401));
    for (const url of urls) {
      const refused = await attempt(url, 'one-too-many');
      expectError(refused, 429, 'TOO_MANY_REQUESTS');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const keys = await redis.keys();
    expect(keys.filter((key) => key.endsWith(':ip}:hits'))).toHaveLength(1);
    expect(keys.filter((key) => key.endsWith(':ip}:blocked'))).toHaveLength(1);
    // The refused ones stop at the per-IP limit, before their code is counted.
    expect(keys.filter((key) => key.endsWith(':code}:hits'))).toHaveLength(PER_IP_LIMIT);
  });

  it('lets logins go on, counted by each instance, while Redis is unreachable, and logs that once', async () => {
    await proxy.cut();
    try {
      const first = await mintCode(sut.stack.sandboxUrl, { user: 'during-outage-1' });
      const other = await mintCode(sut.stack.sandboxUrl, { user: 'during-outage-2' });

      expect((await attempt(sut.stack.customerUrl, first.code)).status).toBe(200);
      expect((await attempt(second.url, other.code)).status).toBe(200);
      expect((await attempt(sut.stack.customerUrl, 'unknown-during-outage')).status).toBe(401);
      expect((await sut.db.users()).map((user) => user.open_id).sort()).toEqual(
        [first.openid, other.openid].sort(),
      );
      expect(outageWarnings(sut.stack.customer.output)).toBe(1);
      expect(outageWarnings(second.process.output)).toBe(1);
    } finally {
      await proxy.restore();
    }
  });
});

describe('a customer reached through a proxy it does not trust', () => {
  const sut = useLoginStack('sqlite');

  it('warns once that X-Forwarded-For arrives while TRUST_PROXY is unset', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await request(`${sut.stack.customerUrl}/login`, {
        body: { code: `through-proxy-${i}` },
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      expect(response.status).toBe(401);
    }

    const warnings = sut.stack.customer.output
      .split('\n')
      .filter((line) => line.includes('TRUST_PROXY is unset'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"level":40');
  });
});
