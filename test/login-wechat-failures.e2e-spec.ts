import { expectError, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds } from './support/test-database';

const WECHAT_TIMEOUT_MS = 1500;
const RPC_TIMEOUT_MS = 2000;

describe.each(e2eDatabaseKinds())('POST /login when WeChat or publics fail, on %s', (kind) => {
  const sut = useLoginStack(kind, {
    publicsEnv: { WECHAT_TIMEOUT_MS: String(WECHAT_TIMEOUT_MS) },
    customerEnv: { RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) },
  });

  // Cleared before the check: a test that fails leaving a user must not fail every later one.
  afterEach(async () => {
    const users = await sut.db.users();
    await sut.db.execute('DELETE FROM common_user');
    expect(users).toEqual([]);
  });

  it('answers 401 INVALID_LOGIN_CODE for a code that was already used', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'reuse' });
    expect((await sut.login({ code })).status).toBe(200);
    await sut.db.execute('DELETE FROM common_user');

    expectError(await sut.login({ code }), 401, 'INVALID_LOGIN_CODE');
  });

  it('answers 401 INVALID_LOGIN_CODE for a code WeChat never issued', async () => {
    expectError(await sut.login({ code: 'never-issued-by-wechat' }), 401, 'INVALID_LOGIN_CODE');
  });

  it('answers 401 INVALID_LOGIN_CODE for a code older than five minutes', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'late' });
    const advanced = await request(`${sut.stack.sandboxUrl}/sandbox/clock/advance`, {
      body: { ms: 5 * 60_000 + 1000 },
    });
    expect(advanced.status).toBe(200);

    expectError(await sut.login({ code }), 401, 'INVALID_LOGIN_CODE');
  });

  it('answers 429 WECHAT_RATE_LIMITED when WeChat rate-limits (45011)', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'busy', errcode: 45011 });
    expectError(await sut.login({ code }), 429, 'WECHAT_RATE_LIMITED');
  });

  it('answers 403 WECHAT_USER_BLOCKED when WeChat blocks the user (40226)', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'risky', errcode: 40226 });
    expectError(await sut.login({ code }), 403, 'WECHAT_USER_BLOCKED');
  });

  it('answers 502 WECHAT_MISCONFIGURED when WeChat rejects the app secret (40125)', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, {
      user: 'misconfigured',
      errcode: 40125,
    });
    expectError(await sut.login({ code }), 502, 'WECHAT_MISCONFIGURED');
  });

  it('answers 502 WECHAT_ERROR with the errcode for an errcode it does not know', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'odd', errcode: 40999 });
    const response = await sut.login({ code });
    expectError(response, 502, 'WECHAT_ERROR');
    expect(response.body.message).toContain('40999');
  });

  it('retries once when WeChat is busy (-1) and then logs in', async () => {
    const { code, openid } = await mintCode(sut.stack.sandboxUrl, {
      user: 'retry',
      errcode: -1,
      failures: 1,
    });

    const response = await sut.login({ code });

    expect(response.status).toBe(200);
    const rows = await sut.db.users();
    expect(rows.map((row) => row.open_id)).toEqual([openid]);
    await sut.db.execute('DELETE FROM common_user');
  });

  it('answers 503 WECHAT_UNAVAILABLE when WeChat is busy (-1) twice', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, {
      user: 'busy-twice',
      errcode: -1,
      failures: 2,
    });
    expectError(await sut.login({ code }), 503, 'WECHAT_UNAVAILABLE');
  });

  it('answers 503 WECHAT_UNAVAILABLE soon after WECHAT_TIMEOUT_MS when WeChat is too slow', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, {
      user: 'slow',
      delayMs: WECHAT_TIMEOUT_MS + 1500,
    });

    const started = Date.now();
    const response = await sut.login({ code });

    expectError(response, 503, 'WECHAT_UNAVAILABLE');
    expect(Date.now() - started).toBeGreaterThanOrEqual(WECHAT_TIMEOUT_MS - 50);
    expect(Date.now() - started).toBeLessThan(RPC_TIMEOUT_MS);
  });

  it('answers 504 PUBLICS_TIMEOUT when publics does not answer within RPC_TIMEOUT_MS', async () => {
    // Two slow -1 answers: publics keeps retrying past customer's RPC timeout.
    const { code } = await mintCode(sut.stack.sandboxUrl, {
      user: 'rpc-timeout',
      errcode: -1,
      failures: 2,
      delayMs: 1200,
    });
    expectError(await sut.login({ code }), 504, 'PUBLICS_TIMEOUT');
  });

  it('answers 503 PUBLICS_UNAVAILABLE when publics is stopped', async () => {
    await sut.stack.publics.stop();
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'no-publics' });

    expectError(await sut.login({ code }), 503, 'PUBLICS_UNAVAILABLE');
  });
});
