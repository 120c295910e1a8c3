import { craftToken, nowSeconds, tokenParts } from './support/jwt';
import { expectError, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import {
  AVATAR_OF_512_CODE_POINTS,
  AVATAR_OVER_512_CODE_POINTS,
  NICKNAME_OF_32_CODE_POINTS,
  NICKNAME_OVER_32_CODE_POINTS,
} from './support/profile-values';
import { TEST_JWT_AUDIENCE, TEST_JWT_ISSUER, TEST_JWT_SECRET } from './support/stack';
import { e2eDatabaseKinds } from './support/test-database';

describe.each(e2eDatabaseKinds())('access tokens and /users/me on %s', (kind) => {
  const sut = useLoginStack(kind);
  let token: string;
  let userId: string;

  beforeEach(async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'token-user' });
    const login = await sut.login({ code, nickname: 'Token User' });
    token = login.body.token as string;
    userId = (login.body.user as { id: string }).id;
  });

  const me = (authorization?: string) =>
    request(`${sut.stack.customerUrl}/users/me`, {
      headers: authorization ? { authorization } : {},
    });
  const patchMe = (body: unknown, authorization = `Bearer ${token}`) =>
    request(`${sut.stack.customerUrl}/users/me`, {
      method: 'PATCH',
      body,
      headers: { authorization },
    });
  const claims = (overrides: Record<string, unknown> = {}) => ({
    sub: userId,
    nickname: 'Token User',
    avatar: null,
    userType: 1,
    iss: TEST_JWT_ISSUER,
    aud: TEST_JWT_AUDIENCE,
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
    ...overrides,
  });
  const hs256 = (
    payload: Record<string, unknown>,
    header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
  ) => craftToken(header, payload, { hmacSecret: TEST_JWT_SECRET });

  it('issues tokens with sub, iss, aud, iat and exp', () => {
    expect(tokenParts(token)).toEqual({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: expect.objectContaining({
        sub: userId,
        iss: TEST_JWT_ISSUER,
        aud: TEST_JWT_AUDIENCE,
        userType: 1,
      }),
    });
  });

  it('answers the stored profile for a bearer token, and for a bare token', async () => {
    const bearer = await me(`Bearer ${token}`);
    const bare = await me(token);

    expect(bearer).toMatchObject({
      status: 200,
      body: { id: userId, nickname: 'Token User', avatar: null, status: 0 },
    });
    expect(bare.body).toEqual(bearer.body);
  });

  it('accepts a token that expired within the allowed clock skew', async () => {
    expect((await me(`Bearer ${hs256(claims({ exp: nowSeconds() - 5 }))}`)).status).toBe(200);
  });

  it.each([
    ['no token', () => undefined],
    ['garbage', () => 'Bearer not-a-token'],
    ['alg none', () => `Bearer ${craftToken({ alg: 'none', typ: 'JWT' }, claims())}`],
    [
      'another algorithm with the same secret',
      () => `Bearer ${hs256(claims(), { alg: 'HS512', typ: 'JWT' })}`,
    ],
    [
      'a tampered header',
      () => {
        const [, payload, signature] = token.split('.');
        return `Bearer ${Buffer.from(JSON.stringify({ alg: 'HS384', typ: 'JWT' })).toString('base64url')}.${payload}.${signature}`;
      },
    ],
    [
      'a tampered payload',
      () => {
        const [header, , signature] = token.split('.');
        const forged = Buffer.from(JSON.stringify(claims({ sub: '1' }))).toString('base64url');
        return `Bearer ${header}.${forged}.${signature}`;
      },
    ],
    [
      'a tampered signature',
      () => `Bearer ${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`,
    ],
    [
      'an expired token',
      () => `Bearer ${hs256(claims({ iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }))}`,
    ],
    ['a token without exp', () => `Bearer ${hs256(claims({ exp: undefined }))}`],
    [
      'a token with a string exp',
      () => `Bearer ${hs256(claims({ exp: String(nowSeconds() + 600) }))}`,
    ],
    ['a token without iat', () => `Bearer ${hs256(claims({ iat: undefined }))}`],
    [
      'a token issued in the future (beyond the clock skew)',
      () => `Bearer ${hs256(claims({ iat: nowSeconds() + 3600, exp: nowSeconds() + 7200 }))}`,
    ],
    [
      'a token that expired just past the 30 s clock skew',
      () => `Bearer ${hs256(claims({ iat: nowSeconds() - 600, exp: nowSeconds() - 45 }))}`,
    ],
    ['another issuer', () => `Bearer ${hs256(claims({ iss: 'someone-else' }))}`],
    ['another audience', () => `Bearer ${hs256(claims({ aud: 'another-app' }))}`],
    ['no audience', () => `Bearer ${hs256(claims({ aud: undefined }))}`],
    ['a sub that is not a decimal id', () => `Bearer ${hs256(claims({ sub: '1e5' }))}`],
    ['a numeric sub', () => `Bearer ${hs256(claims({ sub: 12345 }))}`],
    [
      'another secret',
      () => `Bearer ${craftToken({ alg: 'HS256' }, claims(), { hmacSecret: 'x'.repeat(40) })}`,
    ],
  ])('refuses %s with 401 INVALID_TOKEN', async (_case, authorization) => {
    const response = await me(authorization());

    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      statusCode: 401,
      code: 'INVALID_TOKEN',
      message: expect.any(String),
    });
  });

  it('refuses a valid token of a user who does not exist', async () => {
    expect((await me(`Bearer ${hs256(claims({ sub: '9007199254740993' }))}`)).status).toBe(401);
  });

  it('refuses a user frozen after login at once, with the reason', async () => {
    await sut.db.execute(
      "UPDATE common_user SET status = 1, account_lock_reason = '刷单' WHERE id = ?",
      [userId],
    );

    const read = await me(`Bearer ${token}`);
    const write = await patchMe({ nickname: 'escape' });

    expect(read.body).toEqual({
      statusCode: 403,
      code: 'ACCOUNT_FROZEN',
      message: expect.stringContaining('刷单'),
    });
    expect(write.status).toBe(403);
    expect((await sut.db.users())[0].nickname).toBe('Token User');
  });

  it('changes the nickname (trimmed) and the avatar, and stores them', async () => {
    const response = await patchMe({
      nickname: '  新名字 🌸 ',
      avatar: 'https://img.example.com/a.png',
    });

    expect(response).toMatchObject({
      status: 200,
      body: {
        id: userId,
        nickname: '新名字 🌸',
        avatar: 'https://img.example.com/a.png',
        status: 0,
      },
    });
    const [row] = await sut.db.users();
    expect(row).toMatchObject({ nickname: '新名字 🌸', avatar: 'https://img.example.com/a.png' });
    expect((await me(`Bearer ${token}`)).body).toEqual(response.body);
  });

  it('stores a 512-code-point avatar and a 32-code-point nickname of emoji and variation selectors exactly', async () => {
    const response = await patchMe({
      nickname: NICKNAME_OF_32_CODE_POINTS,
      avatar: AVATAR_OF_512_CODE_POINTS,
    });

    expect(response).toMatchObject({
      status: 200,
      body: { nickname: NICKNAME_OF_32_CODE_POINTS, avatar: AVATAR_OF_512_CODE_POINTS },
    });
    const rows = await sut.db.users();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      nickname: NICKNAME_OF_32_CODE_POINTS,
      avatar: AVATAR_OF_512_CODE_POINTS,
    });
  });

  it.each([
    [
      '400 MALFORMED_JSON for a body that is not JSON',
      '{"nickname": "x",',
      {},
      400,
      'MALFORMED_JSON',
    ],
    [
      '413 PAYLOAD_TOO_LARGE for a body over 16 KiB',
      JSON.stringify({ nickname: 'n'.repeat(17 * 1024) }),
      {},
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      '415 UNSUPPORTED_MEDIA_TYPE for text/plain',
      '{"nickname":"plain"}',
      { 'content-type': 'text/plain' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      '415 UNSUPPORTED_MEDIA_TYPE for a form',
      'nickname=form',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ])(
    'PATCH /users/me answers %s and changes nothing',
    async (_case, raw, headers, status, code) => {
      const before = await sut.db.users();

      const response = await request(`${sut.stack.customerUrl}/users/me`, {
        method: 'PATCH',
        raw,
        headers: { authorization: `Bearer ${token}`, ...headers },
      });

      expectError(response, status, code);
      expect(await sut.db.users()).toEqual(before);
    },
  );

  it.each([
    ['an empty body', {}],
    ['an empty nickname', { nickname: '   ' }],
    ['a null nickname', { nickname: null }],
    ['a nickname with a lone surrogate', { nickname: 'a\ud800b' }],
    ['a 33-character nickname', { nickname: 'x'.repeat(33) }],
    ['a nickname with a control character', { nickname: 'a\u0007b' }],
    ['a 10 KB nickname', { nickname: 'n'.repeat(10_000) }],
    ['an avatar that is not http(s)', { avatar: 'data:image/png;base64,AAAA' }],
    [
      'an avatar over 512 code points (414 to validator.js)',
      { avatar: AVATAR_OVER_512_CODE_POINTS },
    ],
    [
      'a nickname of 34 code points (17 to validator.js)',
      { nickname: NICKNAME_OVER_32_CODE_POINTS },
    ],
    ['an unknown field', { nickname: 'ok', status: 0 }],
  ])('refuses %s with 400 and changes nothing', async (_case, body) => {
    const before = await sut.db.users();

    const response = await patchMe(body);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
    });
    expect(await sut.db.users()).toEqual(before);
  });
});
