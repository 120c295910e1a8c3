import { join } from 'node:path';

import { ManagedProcess } from '../../../tools/local-stack/managed-process';
import { appEntryPoints } from '../../../tools/local-stack/stack-env';
import { freePort } from '../../../test/support/free-port';
import { mintCode, request } from '../../../test/support/http';

const APPID = 'wx-sandbox-e2e';
const SECRET = 'sandbox-e2e-secret';

describe('WeChat sandbox over HTTP', () => {
  let sandbox: ManagedProcess;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    sandbox = new ManagedProcess({
      name: 'wechat-sandbox',
      script: appEntryPoints(join(__dirname, '..', '..', '..', 'dist')).sandbox,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        WECHAT_SANDBOX_PORT: String(port),
        WECHAT_SANDBOX_APPID: APPID,
        WECHAT_SANDBOX_SECRET: SECRET,
      },
      port,
    });
    await sandbox.start();
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(() => sandbox?.stop());

  async function exchange(params: Record<string, string>) {
    const response = await fetch(`${url}/sns/jscode2session?${new URLSearchParams(params)}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: JSON.parse(await response.text()),
    };
  }

  const valid = (code: string) => ({
    appid: APPID,
    secret: SECRET,
    js_code: code,
    grant_type: 'authorization_code',
  });

  it('exchanges a minted code for a session as text/plain JSON, like WeChat', async () => {
    const { code, openid } = await mintCode(url, { user: 'alice' });

    const answer = await exchange(valid(code));

    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/plain/);
    expect(answer.body).toEqual({
      session_key: expect.any(String),
      openid,
      unionid: expect.any(String),
    });
  });

  it.each([
    ['no appid', { appid: '' }, 41002],
    ['no secret', { secret: '' }, 41004],
    ['no code', { js_code: '' }, 41008],
    ['another grant_type', { grant_type: 'client_credential' }, 40002],
    ['a wrong appid', { appid: 'wx-other' }, 40013],
    ['a wrong secret', { secret: 'not-the-secret' }, 40125],
    ['a secret of another length', { secret: 'x' }, 40125],
  ])('answers %s with errcode %i inside HTTP 200', async (_case, override, errcode) => {
    const { code } = await mintCode(url, { user: 'alice' });

    const answer = await exchange({ ...valid(code), ...override });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ errcode, errmsg: expect.stringMatching(/, rid: [0-9a-f]+$/) });
  });

  it('does not use up a code on a credentials error', async () => {
    const { code } = await mintCode(url, { user: 'alice' });
    await exchange({ ...valid(code), secret: 'wrong' });

    expect((await exchange(valid(code))).body.openid).toEqual(expect.any(String));
  });

  it('answers 40163 for a used code and 40029 for an unknown one', async () => {
    const { code } = await mintCode(url, { user: 'alice' });
    await exchange(valid(code));

    expect((await exchange(valid(code))).body.errcode).toBe(40163);
    expect((await exchange(valid('made-up'))).body.errcode).toBe(40029);
  });

  it('expires codes after five minutes of sandbox time', async () => {
    const { code } = await mintCode(url, { user: 'alice' });

    const advanced = await request(`${url}/sandbox/clock/advance`, { body: { ms: 300_000 } });

    expect(advanced).toMatchObject({ status: 200, body: { now: expect.any(Number) } });
    expect((await exchange(valid(code))).body.errcode).toBe(40029);
  });

  it('gives the same user the same openid across codes', async () => {
    const first = await mintCode(url, { user: 'bob' });
    const second = await mintCode(url, { user: 'bob' });

    expect(second.openid).toBe(first.openid);
    expect((await exchange(valid(first.code))).body.unionid).toBe(
      (await exchange(valid(second.code))).body.unionid,
    );
  });

  it('answers an injected errcode, and a -1 that does not use up the code', async () => {
    const limited = await mintCode(url, { user: 'c', errcode: 45011 });
    const busy = await mintCode(url, { user: 'c', errcode: -1, failures: 1 });

    expect((await exchange(valid(limited.code))).body.errcode).toBe(45011);
    expect((await exchange(valid(busy.code))).body.errcode).toBe(-1);
    expect((await exchange(valid(busy.code))).body.openid).toBe(busy.openid);
  });

  it('delays the answer by delayMs', async () => {
    const { code } = await mintCode(url, { user: 'slow', delayMs: 400 });

    const started = Date.now();
    await exchange(valid(code));

    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it.each([
    ['no user', {}],
    ['an unknown field', { user: 'a', admin: true }],
    ['a user of the wrong type', { user: 5 }],
    ['failures of 0', { user: 'a', errcode: 45011, failures: 0 }],
    ['a delay over a minute', { user: 'a', delayMs: 60_001 }],
  ])('refuses to mint a code with %s', async (_case, body) => {
    expect((await request(`${url}/sandbox/codes`, { body })).status).toBe(400);
  });

  it('logs neither its secret nor the session keys nor the codes', async () => {
    const { code } = await mintCode(url, { user: 'quiet' });
    const { body } = await exchange(valid(code));

    expect(sandbox.output).not.toContain(SECRET);
    expect(sandbox.output).not.toContain(body.session_key);
    expect(sandbox.output).not.toContain(code);
  });
});
