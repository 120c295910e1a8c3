import { mintCode } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds } from './support/test-database';

const LOGIN_PATH = '/customer/open/login/common/user';
/** What WeChat's chooseAvatar gives and the page posts. */
const AVATAR = 'https://thirdwx.qlogo.cn/mmopen/vi_32/seed-avatar/132';

/**
 * The seed's uniapp login page, replayed byte for byte: its headers (the JSON
 * content type with a charset, and the stored token raw in Authorization, stale
 * or empty), its body, and the exact text of each answer it reads.
 */
describe.each(e2eDatabaseKinds())("the seed project's mini-program on %s", (kind) => {
  const sut = useLoginStack(kind, { customerEnv: { RPC_TIMEOUT_MS: '1500' } });

  const post = async (body: string, storedToken: string) => {
    const response = await fetch(`${sut.stack.customerUrl}${LOGIN_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=UTF-8', Authorization: storedToken },
      body,
    });
    return { status: response.status, text: await response.text() };
  };
  const pageBody = (code: string) => JSON.stringify({ code, avatar: AVATAR, nickname: '微信用户' });

  it.each([
    ['an empty stored token', ''],
    ['a stale stored token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c3RhbGU'],
  ])(
    'logs a new user in with %s: {"code":200,"msg":"OK","data":{"token":…}}, default nickname, the avatar kept',
    async (_case, storedToken) => {
      const { code, openid } = await mintCode(sut.stack.sandboxUrl, { user: 'seed-page-user' });

      const answer = await post(pageBody(code), storedToken);

      expect(answer.status).toBe(200);
      const token =
        /^\{"code":200,"msg":"OK","data":\{"token":"([\w-]+\.[\w-]+\.[\w-]+)"\}\}$/.exec(
          answer.text,
        )?.[1];
      expect(token).toBeDefined();
      const [row] = await sut.db.users();
      expect(row).toMatchObject({ open_id: openid, avatar: AVATAR });
      expect(row.nickname).toMatch(/^普通用户\d{5}$/);
      const me = await fetch(`${sut.stack.customerUrl}/users/me`, {
        headers: { authorization: token as string },
      });
      expect(me.status).toBe(200);
    },
  );

  it('answers a frozen user {"code":605,"msg":"<lock reason>","data":null}', async () => {
    const { code, openid } = await mintCode(sut.stack.sandboxUrl, { user: 'seed-frozen' });
    await sut.db.execute(
      "INSERT INTO common_user (id, status, nickname, open_id, account_lock_reason, is_deleted, token_version) VALUES ('777', 1, 'x', ?, '涉嫌违规，请联系客服', 0, 0)",
      [openid],
    );

    const answer = await post(pageBody(code), '');

    expect(answer).toEqual({
      status: 200,
      text: '{"code":605,"msg":"涉嫌违规，请联系客服","data":null}',
    });
  });

  it("answers a WeChat errcode with 500 and WeChat's errmsg, writing nothing", async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, {
      user: 'seed-bad-code',
      errcode: 40029,
    });

    const answer = await post(pageBody(code), '');

    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^\{"code":500,"msg":"invalid code, rid: [\w-]+","data":null\}$/);
    expect(await sut.db.users()).toEqual([]);
  });

  it('answers 601 "请求失败" when the openid cannot be had in time', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'seed-slow', delayMs: 3000 });

    const answer = await post(pageBody(code), '');

    expect(answer).toEqual({ status: 200, text: '{"code":601,"msg":"请求失败","data":null}' });
    expect(await sut.db.users()).toEqual([]);
  });

  it.each([
    ['no code', JSON.stringify({ avatar: AVATAR, nickname: '微信用户' })],
    ['an unknown field', JSON.stringify({ code: 'abc', role: 'admin' })],
    ['an avatar that is not a URL', JSON.stringify({ code: 'abc', avatar: 'javascript:x' })],
  ])(
    'answers bad input (%s) with code 400 naming the field, writing nothing',
    async (_case, body) => {
      const answer = await post(body, '');

      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({ code: 400, msg: expect.any(String), data: null });
      expect(Object.keys(JSON.parse(answer.text))).toEqual(['code', 'msg', 'data']);
      expect(await sut.db.users()).toEqual([]);
    },
  );

  it.each([
    ['a body that is not JSON', '{"code":"abc",', 'application/json;charset=UTF-8', 400],
    [
      'a body over 16 KiB',
      JSON.stringify({ code: 'abc', avatar: AVATAR, nickname: 'n'.repeat(17 * 1024) }),
      'application/json;charset=UTF-8',
      413,
    ],
    ['a form instead of JSON', 'code=abc', 'application/x-www-form-urlencoded', 415],
    ['text instead of JSON', '{"code":"abc"}', 'text/plain;charset=UTF-8', 415],
  ])(
    'answers %s in the envelope with code %i, writing nothing',
    async (_case, body, contentType, code) => {
      const response = await fetch(`${sut.stack.customerUrl}${LOGIN_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': contentType, Authorization: '' },
        body,
      });

      expect(response.status).toBe(200);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ code, msg: expect.any(String), data: null });
      expect(Object.keys(JSON.parse(text))).toEqual(['code', 'msg', 'data']);
      expect(await sut.db.users()).toEqual([]);
    },
  );

  it('answers a phone binding whose body is not JSON in the envelope too', async () => {
    const response = await fetch(
      `${sut.stack.customerUrl}/customer/consumer/common-user?phoneCode=abc`,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json;charset=UTF-8', Authorization: '' },
        body: '{',
      },
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ code: 400, msg: expect.any(String), data: null });
  });

  it('serves the same user and identity as POST /login (one code path)', async () => {
    const first = await mintCode(sut.stack.sandboxUrl, { user: 'seed-both' });
    const second = await mintCode(sut.stack.sandboxUrl, { user: 'seed-both' });

    const seed = await post(pageBody(first.code), '');
    const native = await sut.login({ code: second.code });

    const seedToken = (JSON.parse(seed.text) as { data: { token: string } }).data.token;
    const [, payload] = seedToken.split('.');
    const sub = (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string }).sub;
    expect((native.body.user as { id: string }).id).toBe(sub);
    expect(await sut.db.users()).toHaveLength(1);
    expect(await sut.db.select('SELECT user_id FROM common_user_identity')).toEqual([
      { user_id: sub },
    ]);
  });

  it.each([
    ['no token', '', '/customer/consumer/common-user?phoneCode=abc', 401],
    ['a stale token', 'stale.token.value', '/customer/consumer/common-user?phoneCode=abc', 401],
  ])(
    'answers the phone binding with %s {"code":401,…,"data":null}',
    async (_case, token, path, code) => {
      const response = await fetch(`${sut.stack.customerUrl}${path}`, {
        method: 'PUT',
        headers: { Authorization: token },
      });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ code, msg: expect.any(String), data: null });
    },
  );

  it('answers the phone binding without phoneCode with code 400, binding nothing', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'seed-phone' });
    const token = (JSON.parse((await post(pageBody(code), '')).text) as { data: { token: string } })
      .data.token;

    const response = await fetch(`${sut.stack.customerUrl}/customer/consumer/common-user`, {
      method: 'PUT',
      headers: { Authorization: token },
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      code: 400,
      msg: expect.stringContaining('phoneCode'),
      data: null,
    });
    expect((await sut.db.users())[0]).toMatchObject({ phone: null, phone_country_code: null });
  });
});
