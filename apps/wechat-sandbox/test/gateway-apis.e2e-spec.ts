import { createHmac } from 'node:crypto';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The WeChat server APIs the sandbox plays for publics' gateway patterns, over
 * real HTTP against the real AppModule (in-process, as sandbox.e2e-spec.ts).
 */
const APPID = 'wx-sandbox-gw';
const SECRET = 'sandbox-gw-secret';
const OTHER = { appid: 'wx-sandbox-other', secret: 'sandbox-other-secret' };
const TOKEN_TTL_SECONDS = 600;

type Body = Record<string, unknown> & { errcode?: number; errmsg?: string };

describe('WeChat sandbox: the gateway APIs', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      WECHAT_SANDBOX_APPID: APPID,
      WECHAT_SANDBOX_SECRET: SECRET,
      WECHAT_SANDBOX_APPS: JSON.stringify([OTHER]),
      WECHAT_SANDBOX_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
    });
    const [{ NestFactory }, { FastifyAdapter }, { AppModule }] = await Promise.all([
      import('@nestjs/core'),
      import('@nestjs/platform-fastify'),
      import('../src/app.module'),
    ]);
    app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
      logger: false,
    });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async () => {
    await fetch(`${url}/sandbox/faults`, { method: 'DELETE' });
  });

  async function call(
    path: string,
    body?: unknown,
    method?: string,
  ): Promise<{ status: number; body: Body }> {
    const response = await fetch(`${url}${path}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: JSON.parse(await response.text()) as Body };
  }

  const stableToken = (body: Record<string, unknown>) => call('/cgi-bin/stable_token', body);
  const valid = { grant_type: 'client_credential', appid: APPID, secret: SECRET };
  async function token(appid = APPID, secret = SECRET): Promise<string> {
    const answer = await stableToken({ ...valid, appid, secret });
    return answer.body.access_token as string;
  }
  async function requests(appid = APPID): Promise<number> {
    return (await call(`/sandbox/stable-token-requests?appid=${appid}`)).body.count as number;
  }
  async function login(
    user: string,
    appid = APPID,
    secret = SECRET,
  ): Promise<{ openid: string; sessionKey: string }> {
    const { body } = await call('/sandbox/codes', { user, appid });
    const session = await call(
      `/sns/jscode2session?${new URLSearchParams({ appid, secret, js_code: body.code as string, grant_type: 'authorization_code' })}`,
    );
    return {
      openid: session.body.openid as string,
      sessionKey: session.body.session_key as string,
    };
  }

  describe('POST /cgi-bin/stable_token', () => {
    it('hands out the same token until it expires, with the seconds it has left, counting requests', async () => {
      const before = await requests();

      const first = await stableToken(valid);
      const second = await stableToken({ ...valid, force_refresh: false });

      expect(first).toEqual({
        status: 200,
        body: {
          access_token: expect.stringMatching(/^[\w-]{128}$/),
          expires_in: TOKEN_TTL_SECONDS,
        },
      });
      expect(second.body.access_token).toBe(first.body.access_token);
      expect(await requests()).toBe(before + 2);
    });

    it('issues a new token once the old one expired, which then answers 42001', async () => {
      const old = await token();
      await call('/sandbox/clock/advance', { ms: TOKEN_TTL_SECONDS * 1000 });

      const fresh = await token();

      expect(fresh).not.toBe(old);
      expect((await call(`/wxa/msg_sec_check?access_token=${old}`, {})).body.errcode).toBe(42001);
    });

    it('replaces the token on force_refresh and on a revocation: the old one answers 40001', async () => {
      const old = await token();
      const forced = await stableToken({ ...valid, force_refresh: true });
      expect(forced.body.access_token).not.toBe(old);

      expect(await call('/sandbox/access-tokens/revoke', { appid: APPID })).toEqual({
        status: 200,
        body: { revoked: true },
      });
      const next = await token();

      expect(next).not.toBe(forced.body.access_token);
      for (const refused of [old, forced.body.access_token]) {
        expect((await call(`/wxa/msg_sec_check?access_token=${refused}`, {})).body.errcode).toBe(
          40001,
        );
      }
    });

    it('keeps one token per app', async () => {
      expect(await token(OTHER.appid, OTHER.secret)).not.toBe(await token());
    });

    it.each([
      ['no appid', 41002, { appid: undefined }],
      ['no secret', 41004, { secret: undefined }],
      ['another grant_type', 40002, { grant_type: 'authorization_code' }],
      ['an unknown appid', 40013, { appid: 'wx-unknown' }],
      ["another app's secret", 40125, { secret: OTHER.secret }],
    ])('answers %s with %i inside HTTP 200', async (_case, errcode, change) => {
      const answer = await stableToken({ ...valid, ...change });

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ errcode, errmsg: expect.stringMatching(/, rid: /) });
    });

    it('answers an injected errcode for the next calls only, after the given delay', async () => {
      await call('/sandbox/faults', {
        api: 'stable_token',
        errcode: 45009,
        failures: 1,
        delayMs: 200,
      });
      const started = performance.now();

      expect((await stableToken(valid)).body.errcode).toBe(45009);
      expect(performance.now() - started).toBeGreaterThanOrEqual(190);
      expect((await stableToken(valid)).body.access_token).toEqual(expect.any(String));
    });
  });

  describe('access tokens on every API', () => {
    it.each([
      ['POST', '/wxa/business/getuserphonenumber'],
      ['GET', '/wxa/checksession'],
      ['POST', '/cgi-bin/message/subscribe/send'],
      ['POST', '/wxa/msg_sec_check'],
    ])(
      '%s %s answers 41001 without a token, 40014 for a malformed one, 40001 for an unknown one',
      async (method, path) => {
        const send = (query: string) =>
          call(`${path}${query}`, method === 'POST' ? {} : undefined, method);

        expect((await send('')).body.errcode).toBe(41001);
        expect((await send('?access_token=not%20a%20token')).body.errcode).toBe(40014);
        expect((await send(`?access_token=${'A'.repeat(128)}`)).body.errcode).toBe(40001);
      },
    );
  });

  describe('POST /wxa/business/getuserphonenumber', () => {
    const phone = async (code: string, accessToken?: string) =>
      call(`/wxa/business/getuserphonenumber?access_token=${accessToken ?? (await token())}`, {
        code,
      });

    it('answers the phone number of a phone code once, with the watermark of the app', async () => {
      const { body } = await call('/sandbox/phone-codes', { purePhoneNumber: '13700001111' });

      const first = await phone(body.code as string);
      const again = await phone(body.code as string);

      expect(first.body).toEqual({
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: '13700001111',
          purePhoneNumber: '13700001111',
          countryCode: '86',
          watermark: { appid: APPID, timestamp: expect.any(Number) },
        },
      });
      expect(again.body.errcode).toBe(40029);
    });

    it("answers 40029 for a login code, another app's phone code and an expired one", async () => {
      const login = await call('/sandbox/codes', { user: 'phone-user' });
      const foreign = await call('/sandbox/phone-codes', { appid: OTHER.appid });
      const expiring = await call('/sandbox/phone-codes', {});
      await call('/sandbox/clock/advance', { ms: 5 * 60_000 });

      expect((await phone(login.body.code as string)).body.errcode).toBe(40029);
      expect((await phone(foreign.body.code as string)).body.errcode).toBe(40029);
      expect((await phone(expiring.body.code as string)).body.errcode).toBe(40029);
    });
  });

  describe('GET /wxa/checksession', () => {
    const check = async (query: Record<string, string>) =>
      call(
        `/wxa/checksession?${new URLSearchParams({ access_token: await token(), sig_method: 'hmac_sha256', ...query })}`,
      );
    const sign = (key: string) => createHmac('sha256', key).update('').digest('hex');

    it('accepts the hex HMAC-SHA256 of the empty string keyed by the last session_key', async () => {
      const { openid, sessionKey } = await login('checker');

      expect((await check({ openid, signature: sign(sessionKey) })).body).toEqual({
        errcode: 0,
        errmsg: 'ok',
      });
    });

    it('answers 87009 for another key, another method, an earlier login, and an expired session', async () => {
      const earlier = await login('checker-2');
      const { openid, sessionKey } = await login('checker-2');

      expect((await check({ openid, signature: sign('not-the-key') })).body.errcode).toBe(87009);
      expect((await check({ openid, signature: sign(earlier.sessionKey) })).body.errcode).toBe(
        87009,
      );
      expect(
        (await check({ openid, signature: sign(sessionKey), sig_method: 'md5' })).body.errcode,
      ).toBe(87009);
      await call('/sandbox/sessions/expire', { openid });
      expect((await check({ openid, signature: sign(sessionKey) })).body.errcode).toBe(87009);
    });

    it('answers 40003 for an openid that never logged in', async () => {
      expect((await check({ openid: 'o-nobody', signature: sign('x') })).body.errcode).toBe(40003);
    });
  });

  describe('POST /cgi-bin/message/subscribe/send', () => {
    it('sends only what the user accepted, recording each message for tests', async () => {
      const { openid } = await login('receiver');
      await call('/sandbox/subscriptions', { openid, templateId: 'tmpl-1', count: 1 });
      const send = async () =>
        call(`/cgi-bin/message/subscribe/send?access_token=${await token()}`, {
          touser: openid,
          template_id: 'tmpl-1',
          data: { thing1: { value: 'hi' } },
          lang: 'en_US',
        });

      expect((await send()).body).toEqual({ errcode: 0, errmsg: 'ok' });
      expect((await send()).body.errcode).toBe(43101);
      const sent = await call(`/sandbox/sent-messages?appid=${APPID}`);
      expect((sent.body.messages as Body[]).filter((m) => m.touser === openid)).toEqual([
        {
          appid: APPID,
          touser: openid,
          template_id: 'tmpl-1',
          data: { thing1: { value: 'hi' } },
          lang: 'en_US',
          sentAt: expect.any(Number),
        },
      ]);
    });
  });

  describe('POST /wxa/msg_sec_check (version 2)', () => {
    it('flags the words the test configured, and passes the rest', async () => {
      const { openid } = await login('writer');
      await call(
        '/sandbox/content-rules',
        { rules: [{ word: 'Spam', suggest: 'risky', label: 10001 }] },
        'PUT',
      );
      const check = async (content: string, extra: Record<string, unknown> = {}) =>
        call(`/wxa/msg_sec_check?access_token=${await token()}`, {
          openid,
          content,
          scene: 2,
          version: 2,
          ...extra,
        });

      expect((await check('buy spam now')).body).toMatchObject({
        errcode: 0,
        result: { suggest: 'risky', label: 10001 },
        trace_id: expect.any(String),
      });
      expect((await check('hello')).body).toMatchObject({
        result: { suggest: 'pass', label: 100 },
      });
      expect((await check('hello', { version: 1 })).body.errcode).toBe(47001);
      expect((await check('hello', { openid: 'o-nobody' })).body.errcode).toBe(40003);
    });

    it.each([
      ['rules that are not a list', { rules: 'spam' }],
      ['a rule with an unknown suggestion', { rules: [{ word: 'x', suggest: 'block', label: 1 }] }],
    ])('refuses %s with 400', async (_case, body) => {
      expect((await call('/sandbox/content-rules', body, 'PUT')).status).toBe(400);
    });
  });
});
