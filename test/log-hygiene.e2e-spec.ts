import { mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { TEST_JWT_SECRET } from './support/stack';

const WECHAT_SECRET = 'log-hygiene-wechat-secret-7f3a9c';

/** Everything the three services log during real traffic, searched for what must never be there. */
describe('what the services log', () => {
  const sut = useLoginStack('sqlite', {
    env: { LOG_LEVEL: 'trace', WECHAT_SECRET },
  });

  it('never contains the WeChat secret, a session_key, a token, the JWT secret or a full login code', async () => {
    const codes: string[] = [];
    const tokens: string[] = [];
    const fresh = async (user: string, extra: Record<string, unknown> = {}) => {
      const { code } = await mintCode(sut.stack.sandboxUrl, { user, ...extra });
      codes.push(code);
      return code;
    };

    const ok = await sut.login({ code: await fresh('quiet-user') });
    tokens.push(ok.body.token as string);
    const reused = codes[0];
    await sut.login({ code: reused });
    await sut.login({ code: await fresh('limited', { errcode: 45011 }) });
    await sut.login({ code: await fresh('busy', { errcode: -1, failures: 2 }) });
    await sut.login({ code: await fresh('bad-body'), avatar: 'not-a-url' });
    await request(`${sut.stack.customerUrl}/users/me`, {
      headers: { authorization: `Bearer ${tokens[0]}` },
    });
    await request(`${sut.stack.customerUrl}/users/me`, {
      headers: { authorization: `Bearer ${tokens[0]}x` },
    });
    await request(`${sut.stack.customerUrl}/users/me`, {
      method: 'PATCH',
      body: { nickname: 'still quiet' },
      headers: { authorization: tokens[0] },
    });

    const logs = sut.stack.logs();
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).toContain('/login');
    for (const secret of [WECHAT_SECRET, TEST_JWT_SECRET, 'session_key', ...tokens, ...codes]) {
      expect({ secret, found: logs.includes(secret) }).toEqual({ secret, found: false });
    }
    for (const token of tokens) {
      const [, , signature] = token.split('.');
      expect(logs.includes(signature)).toBe(false);
    }
  });
});
