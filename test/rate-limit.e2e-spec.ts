import { ManagedProcess } from '../tools/local-stack/managed-process';
import { request } from './support/http';
import { useLoginStack } from './support/login-fixture';

describe('login rate limits', () => {
  const sut = useLoginStack('sqlite', {
    customerEnv: { LOGIN_RATE_LIMIT: '3', LOGIN_CODE_RATE_LIMIT: '2' },
  });
  let behindProxy: { process: ManagedProcess; url: string };

  beforeAll(async () => {
    behindProxy = await sut.stack.extraCustomer({ WORKER_ID: '9', TRUST_PROXY: 'true' });
    await behindProxy.process.start();
  });
  afterAll(() => behindProxy?.process.stop());

  const attempt = (url: string, code: string, forwardedFor?: string) =>
    request(`${url}/login`, {
      body: { code },
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });

  it('answers 429 with Retry-After past the per-IP limit, ignoring X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1)
      answers.push(await attempt(sut.stack.customerUrl, `ip-${i}`, `203.0.113.${i}`));

    expect(answers.slice(0, 3).map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect(answers[3].status).toBe(429);
    expect(answers[3].body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: expect.any(String),
    });
    expect(Number(answers[3].headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts each forwarded client IP apart when TRUST_PROXY is set', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await attempt(behindProxy.url, `proxied-${i}`, `198.51.100.${i}`)).status);
    }

    expect(statuses).toEqual([401, 401, 401, 401, 401]);
  });

  it('limits the attempts with one login code, whatever the client IP, with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 3; i += 1)
      answers.push(await attempt(behindProxy.url, 'same-code', `192.0.2.${i}`));

    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 429]);
    expect(answers[2].body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: expect.any(String),
    });
    const retryAfter = Number(answers[2].headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await sut.db.users()).toEqual([]);
  });
});
