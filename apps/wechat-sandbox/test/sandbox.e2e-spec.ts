import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The real AppModule in-process, Fastify listening on an ephemeral port of
 * 127.0.0.1, driven over real HTTP with fetch. ConfigModule reads process.env
 * when app.module is loaded, so the environment is set first and the module is
 * imported afterwards.
 */
const APPID = 'wx-sandbox-e2e';
const SECRET = 'sandbox-e2e-secret';
const FIVE_MINUTES_MS = 5 * 60_000;
const WRONG_SECRET = SECRET.replace(/.$/, '!');
const RID = /, rid: [0-9a-f]+-[0-9a-f]{8}-[0-9a-f]{8}$/;

interface WechatBody {
  errcode?: number;
  errmsg?: string;
  session_key?: string;
  openid?: string;
  unionid?: string;
}

type Overrides = Record<string, string | undefined>;

interface HttpAnswer<T> {
  status: number;
  contentType: string | null;
  body: T;
}

describe('WeChat sandbox over HTTP', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      WECHAT_SANDBOX_APPID: APPID,
      WECHAT_SANDBOX_SECRET: SECRET,
    });
    const [{ NestFactory }, { FastifyAdapter }, { Logger }, { AppModule }] = await Promise.all([
      import('@nestjs/core'),
      import('@nestjs/platform-fastify'),
      import('nestjs-pino'),
      import('../src/app.module'),
    ]);
    app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
      bufferLogs: true,
    });
    app.useLogger(app.get(Logger));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  async function call<T>(path: string, body?: unknown): Promise<HttpAnswer<T>> {
    const response = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: JSON.parse(await response.text()) as T,
    };
  }

  async function mint(body: Record<string, unknown>): Promise<{ code: string; openid: string }> {
    const answer = await call<{ code: string; openid: string }>('/sandbox/codes', body);
    expect(answer.status).toBe(201);
    return answer.body;
  }

  function exchange(params: Record<string, string>): Promise<HttpAnswer<WechatBody>> {
    return call<WechatBody>(`/sns/jscode2session?${new URLSearchParams(params)}`);
  }

  const valid = (code: string): Record<string, string> => ({
    appid: APPID,
    secret: SECRET,
    js_code: code,
    grant_type: 'authorization_code',
  });

  /** `params` with some replaced; an undefined one is left out of the query. */
  function override(params: Record<string, string>, overrides: Overrides): Record<string, string> {
    const merged: Record<string, string | undefined> = { ...params, ...overrides };
    return Object.fromEntries(
      Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
  }

  async function errcodeOf(params: Record<string, string>): Promise<number | undefined> {
    return (await exchange(params)).body.errcode;
  }

  it('answers GET /health with status ok', async () => {
    expect(await call('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  describe('GET /sns/jscode2session', () => {
    it('exchanges a minted code for a session, as text/plain JSON in HTTP 200 like WeChat', async () => {
      const { code, openid } = await mint({ user: 'alice' });

      const answer = await exchange(valid(code));

      expect(answer.status).toBe(200);
      expect(answer.contentType).toMatch(/^text\/plain/);
      expect(answer.body).toEqual({
        session_key: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/),
        openid,
        unionid: expect.stringMatching(/^u[\w-]{27}$/),
      });
      expect(answer.body.unionid).not.toBe(openid);
    });

    it('ignores query parameters it does not know, as WeChat does', async () => {
      const { code, openid } = await mint({ user: 'alice' });

      const answer = await exchange({ ...valid(code), connect_redirect: '1', foo: 'bar' });

      expect(answer.body.openid).toBe(openid);
    });

    it.each<[string, Overrides, number, string]>([
      ['no appid', { appid: undefined }, 41002, 'appid missing'],
      ['an empty appid', { appid: '' }, 41002, 'appid missing'],
      ['no secret', { secret: undefined }, 41004, 'appsecret missing'],
      ['no js_code', { js_code: undefined }, 41008, 'missing code'],
      ['no grant_type', { grant_type: undefined }, 40002, 'invalid grant_type'],
      ['another grant_type', { grant_type: 'client_credential' }, 40002, 'invalid grant_type'],
      ['a wrong appid', { appid: 'wx-other' }, 40013, 'invalid appid'],
      ['a wrong secret of the same length', { secret: WRONG_SECRET }, 40125, 'invalid appsecret'],
      ['a wrong secret of another length', { secret: 'x' }, 40125, 'invalid appsecret'],
    ])('answers %s with errcode %i inside HTTP 200', async (_case, overrides, errcode, errmsg) => {
      const { code } = await mint({ user: 'alice' });

      const answer = await exchange(override(valid(code), overrides));

      expect(answer.status).toBe(200);
      expect(answer.contentType).toMatch(/^text\/plain/);
      expect(answer.body).toEqual({ errcode, errmsg: expect.stringMatching(RID) });
      expect(answer.body.errmsg?.startsWith(`${errmsg}, rid: `)).toBe(true);
    });

    it('checks in WeChat’s order: a missing appid wins over everything else', async () => {
      expect(await errcodeOf({ grant_type: 'nope' })).toBe(41002);
      expect(await errcodeOf({ appid: 'wrong', grant_type: 'nope' })).toBe(41004);
      expect(await errcodeOf({ appid: 'wrong', secret: 'wrong', grant_type: 'nope' })).toBe(41008);
      expect(await errcodeOf({ appid: 'wrong', secret: 'wrong', js_code: 'x' })).toBe(40002);
      expect(await errcodeOf({ ...valid('x'), appid: 'wrong', secret: 'wrong' })).toBe(40013);
      expect(await errcodeOf({ ...valid('unknown'), secret: 'wrong' })).toBe(40125);
    });

    it('gives a fresh request id to every error', async () => {
      const first = await exchange({});
      const second = await exchange({});

      expect(first.body.errmsg).not.toBe(second.body.errmsg);
    });

    it('does not use a code up on a credentials error', async () => {
      const { code, openid } = await mint({ user: 'alice' });
      expect(await errcodeOf({ ...valid(code), secret: 'wrong' })).toBe(40125);

      expect((await exchange(valid(code))).body.openid).toBe(openid);
    });

    it('answers 40163 code been used when a code comes back', async () => {
      const { code } = await mint({ user: 'alice' });
      await exchange(valid(code));

      const answer = await exchange(valid(code));

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ errcode: 40163, errmsg: expect.stringMatching(RID) });
      expect(answer.body.errmsg).toMatch(/^code been used, rid: /);
    });

    it('answers 40029 invalid code for a code it never issued', async () => {
      const answer = await exchange(valid('081never0issued0by0the0sandbox0'));

      expect(answer.body).toEqual({ errcode: 40029, errmsg: expect.stringMatching(RID) });
      expect(answer.body.errmsg).toMatch(/^invalid code, rid: /);
    });

    it('gives the same user the same openid and unionid across codes, and others different ones', async () => {
      const first = await mint({ user: 'bob' });
      const second = await mint({ user: 'bob' });
      const other = await mint({ user: 'carol' });

      const a = await exchange(valid(first.code));
      const b = await exchange(valid(second.code));
      const c = await exchange(valid(other.code));

      expect(second.openid).toBe(first.openid);
      expect(b.body).toMatchObject({ openid: a.body.openid, unionid: a.body.unionid });
      expect(b.body.session_key).not.toBe(a.body.session_key);
      expect(c.body.openid).not.toBe(a.body.openid);
      expect(c.body.unionid).not.toBe(a.body.unionid);
    });
  });

  describe('POST /sandbox/clock/advance', () => {
    it('expires codes once the sandbox clock has moved five minutes', async () => {
      const { code } = await mint({ user: 'alice' });
      const { code: usedCode } = await mint({ user: 'alice' });
      await exchange(valid(usedCode));
      const before = Date.now();

      const advanced = await call<{ now: number }>('/sandbox/clock/advance', {
        ms: FIVE_MINUTES_MS,
      });

      expect(advanced.status).toBe(200);
      expect(advanced.body.now).toBeGreaterThanOrEqual(before + FIVE_MINUTES_MS - 1_000);
      expect(await errcodeOf(valid(code))).toBe(40029);
      expect(await errcodeOf(valid(usedCode))).toBe(40029);
    });

    it('leaves codes minted after the move their full five minutes', async () => {
      await call('/sandbox/clock/advance', { ms: FIVE_MINUTES_MS });
      const { code, openid } = await mint({ user: 'alice' });
      await call('/sandbox/clock/advance', { ms: FIVE_MINUTES_MS - 60_000 });

      expect((await exchange(valid(code))).body.openid).toBe(openid);
    });

    it.each([
      ['no ms', {}],
      ['ms of 0', { ms: 0 }],
      ['ms over a day', { ms: 86_400_001 }],
      ['a fractional ms', { ms: 1.5 }],
      ['ms as a string', { ms: '1000' }],
      ['an unknown field', { ms: 1, back: true }],
    ])('refuses %s with 400', async (_case, body) => {
      const answer = await call<{ message: string[] }>('/sandbox/clock/advance', body);

      expect(answer.status).toBe(400);
      expect(answer.body.message.join(' ')).toMatch(/ms|back/);
    });
  });

  describe('injected failures', () => {
    it('answers 45011 on every exchange when no failure count is given', async () => {
      const { code } = await mint({ user: 'busy', errcode: 45011 });

      for (let i = 0; i < 3; i += 1) {
        const answer = await exchange(valid(code));
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ errcode: 45011, errmsg: expect.stringMatching(RID) });
        expect(answer.body.errmsg).toMatch(
          /^api minute-quota reach limit {2}mustslower {2}retry next minute, rid: /,
        );
      }
    });

    it('answers 40226 for the first failures, then 40163 as the code was used up', async () => {
      const { code } = await mint({ user: 'risky', errcode: 40226, failures: 1 });

      const first = await exchange(valid(code));

      expect(first.body).toEqual({ errcode: 40226, errmsg: expect.stringMatching(RID) });
      expect(first.body.errmsg).toMatch(/^high risk user, rid: /);
      expect(await errcodeOf(valid(code))).toBe(40163);
    });

    it('answers -1 system error without using the code up, so the retry succeeds', async () => {
      const { code, openid } = await mint({ user: 'retry', errcode: -1, failures: 1 });

      const first = await exchange(valid(code));
      const second = await exchange(valid(code));

      expect(first.body).toEqual({ errcode: -1, errmsg: expect.stringMatching(RID) });
      expect(first.body.errmsg).toMatch(/^system error, rid: /);
      expect(second.body).toMatchObject({ openid, session_key: expect.any(String) });
      expect(second.body.errcode).toBeUndefined();
    });

    it('answers an errcode it has no message for with a generic one', async () => {
      const { code } = await mint({ user: 'odd', errcode: 61234, failures: 1 });

      expect((await exchange(valid(code))).body.errmsg).toMatch(/^sandbox injected error, rid: /);
    });

    it('holds every answer about a delayed code by delayMs, without blocking others', async () => {
      const delayMs = 300;
      const { code, openid } = await mint({ user: 'slow', delayMs });

      const started = performance.now();
      const slow = exchange(valid(code));
      const health = await call('/health');
      const healthMs = performance.now() - started;
      const answer = await slow;
      const elapsedMs = performance.now() - started;

      expect(health.status).toBe(200);
      expect(healthMs).toBeLessThan(delayMs);
      expect(answer.body.openid).toBe(openid);
      expect(elapsedMs).toBeGreaterThanOrEqual(delayMs);

      const reuseStarted = performance.now();
      expect(await errcodeOf(valid(code))).toBe(40163);
      expect(performance.now() - reuseStarted).toBeGreaterThanOrEqual(delayMs);
    });
  });

  describe('POST /sandbox/codes', () => {
    it('mints a 32-character url-safe code and a WeChat-shaped openid', async () => {
      const answer = await call<{ code: string; openid: string }>('/sandbox/codes', {
        user: 'alice',
      });

      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({
        code: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
        openid: expect.stringMatching(/^o[A-Za-z0-9_-]{27}$/),
      });
    });

    it.each([
      ['no user', {}, 'user'],
      ['an empty user', { user: '' }, 'user'],
      ['a user over 128 characters', { user: 'u'.repeat(129) }, 'user'],
      ['a user of the wrong type', { user: 5 }, 'user'],
      ['an unknown field', { user: 'a', admin: true }, 'admin'],
      ['a fractional errcode', { user: 'a', errcode: 1.5 }, 'errcode'],
      ['an errcode as a string', { user: 'a', errcode: '45011' }, 'errcode'],
      ['failures of 0', { user: 'a', errcode: 45011, failures: 0 }, 'failures'],
      ['a negative delay', { user: 'a', delayMs: -1 }, 'delayMs'],
      ['a delay over a minute', { user: 'a', delayMs: 60_001 }, 'delayMs'],
    ])('refuses %s with a 400 naming the field', async (_case, body, field) => {
      const answer = await call<{ statusCode: number; message: string[] }>('/sandbox/codes', body);

      expect(answer.status).toBe(400);
      expect(answer.body.statusCode).toBe(400);
      expect(answer.body.message.join(' ')).toContain(field);
    });

    it('refuses a body that is not JSON', async () => {
      const response = await fetch(`${url}/sandbox/codes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"user":',
      });

      expect(response.status).toBe(400);
    });
  });
});
