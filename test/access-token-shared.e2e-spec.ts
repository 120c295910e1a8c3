import { setTimeout as sleep } from 'node:timers/promises';

import {
  AccessTokenResult,
  CheckSessionResult,
  CheckTextResult,
  Code2SessionResult,
  PublicsPatterns,
} from '@app/contracts';
import Redis from 'ioredis';

import {
  GATEWAY_APPS,
  GatewayStack,
  PublicsInstance,
  randomKeyPrefix,
  REDIS_URL,
} from './support/gateway-stack';
import { mintCode } from './support/http';
import { TcpProxy } from './support/tcp-proxy';

const [MAIN] = GATEWAY_APPS;

/**
 * Two publics instances sharing one Redis (the real one, behind a proxy the
 * test controls) serve one access token per app: one stable_token request for
 * the whole company, however many callers and instances ask at once.
 */
describe('AccessTokenService across two publics instances', () => {
  const prefix = randomKeyPrefix();
  let stack: GatewayStack;
  let proxy: TcpProxy;
  let redis: Redis;
  let a: PublicsInstance;
  let b: PublicsInstance;

  beforeAll(async () => {
    const target = new URL(REDIS_URL);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
    redis = new Redis(REDIS_URL);
    stack = await GatewayStack.start();
    const env = { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_KEY_PREFIX: prefix };
    [a, b] = await Promise.all([
      stack.startPublics('publics-a', env),
      stack.startPublics('publics-b', env),
    ]);
  });

  afterAll(async () => {
    await stack?.stop();
    await proxy?.cut();
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });

  const instances = () => [a, b];
  const token = (instance: PublicsInstance) =>
    instance.send<AccessTokenResult>(PublicsPatterns.WECHAT_ACCESS_TOKEN, {});
  const storedToken = async () => {
    const raw = await redis.get(`${prefix}wechat:access-token:${MAIN.appid}`);
    return raw === null ? null : (JSON.parse(raw) as { token: string; expiresAt: number });
  };
  const checkText = (instance: PublicsInstance, openid: string) =>
    instance.send<CheckTextResult>(PublicsPatterns.WECHAT_CHECK_TEXT, {
      openid,
      content: 'hello',
      scene: 1,
    });
  async function login(instance: PublicsInstance, user: string): Promise<string> {
    const { code } = await mintCode(stack.sandboxUrl, { user });
    return (await instance.send<Code2SessionResult>(PublicsPatterns.WECHAT_CODE2SESSION, { code }))
      .openid;
  }

  it('answers 200 concurrent calls over both instances from a cold start with one stable_token request', async () => {
    expect(await stack.stableTokenRequests(MAIN.appid)).toBe(0);

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => token(instances()[i % 2])),
    );

    const tokens = new Set(results.map((result) => result.accessToken));
    expect(tokens.size).toBe(1);
    expect(await stack.stableTokenRequests(MAIN.appid)).toBe(1);
    expect(await storedToken()).toMatchObject({
      token: results[0].accessToken,
      expiresAt: results[0].expiresAt,
    });
    const ttl = await redis.pttl(`${prefix}wechat:access-token:${MAIN.appid}`);
    expect(ttl).toBeGreaterThan(7100_000);
    expect(ttl).toBeLessThanOrEqual(7200_000);
  });

  it('replaces a token WeChat revoked with exactly one more request, for both instances', async () => {
    const old = (await token(a)).accessToken;
    const openid = await login(a, 'shared-user');
    const before = await stack.stableTokenRequests(MAIN.appid);
    expect(await stack.revokeToken(MAIN.appid)).toEqual({ revoked: true });

    const checks = await Promise.all(
      Array.from({ length: 40 }, (_, i) => checkText(instances()[i % 2], openid)),
    );

    expect(checks.every((check) => check.suggest === 'pass')).toBe(true);
    expect(await stack.stableTokenRequests(MAIN.appid)).toBe(before + 1);
    const [fromA, fromB] = await Promise.all([token(a), token(b)]);
    expect(fromA.accessToken).not.toBe(old);
    expect(fromB.accessToken).toBe(fromA.accessToken);
    expect((await storedToken())?.token).toBe(fromA.accessToken);
  });

  it('shares session keys: a login on one instance serves checkSession on the other, stored encrypted', async () => {
    const openid = await login(a, 'shared-session');

    expect(
      await b.send<CheckSessionResult>(PublicsPatterns.WECHAT_CHECK_SESSION, { openid }),
    ).toEqual({ valid: true, appid: MAIN.appid });
    const key = `${prefix}wechat:session-key:${MAIN.appid}:${openid}`;
    const stored = await redis.get(key);
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // 12-byte iv + 16-byte tag + the 24-character session_key.
    expect(Buffer.from(stored ?? '', 'base64')).toHaveLength(12 + 16 + 24);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(259200 - 60);
    expect(ttl).toBeLessThanOrEqual(259200);
  });

  it('keeps answering while Redis is gone, one request per instance when the token is revoked meanwhile', async () => {
    const openid = await login(a, 'outage-user');
    const before = await stack.stableTokenRequests(MAIN.appid);
    await proxy.cut();
    try {
      const during = await Promise.all(
        Array.from({ length: 40 }, (_, i) => token(instances()[i % 2])),
      );
      expect(new Set(during.map((result) => result.accessToken)).size).toBe(1);
      expect(await stack.stableTokenRequests(MAIN.appid)).toBe(before);

      await stack.revokeToken(MAIN.appid);
      const checks = await Promise.all(
        Array.from({ length: 40 }, (_, i) => checkText(instances()[i % 2], openid)),
      );

      expect(checks.every((check) => check.suggest === 'pass')).toBe(true);
      // No lock to share: each instance fetched once, and stable_token gave both the same token.
      expect(await stack.stableTokenRequests(MAIN.appid)).toBe(before + 2);
      const [fromA, fromB] = await Promise.all([token(a), token(b)]);
      expect(fromB.accessToken).toBe(fromA.accessToken);

      const duringOutage = await login(b, 'outage-login');
      expect(
        await b.send<CheckSessionResult>(PublicsPatterns.WECHAT_CHECK_SESSION, {
          openid: duringOutage,
        }),
      ).toEqual({ valid: true, appid: MAIN.appid });
    } finally {
      await proxy.restore();
    }
    // Back on Redis (ioredis reconnects within its 2 s back-off): still one token.
    await sleep(2500);
    const after = await Promise.all(instances().map(token));
    expect(after[0].accessToken).toBe(after[1].accessToken);
    expect(a.process.output).toContain('using process memory');
  });

  it('never logs the access token', async () => {
    const { accessToken } = await token(a);

    expect(stack.logs()).not.toContain(accessToken);
  });
});
