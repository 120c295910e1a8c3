import { mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import {
  AVATAR_OVER_512_CODE_POINTS,
  NICKNAME_OVER_32_CODE_POINTS,
} from './support/profile-values';
import { e2eDatabaseKinds } from './support/test-database';

describe.each(e2eDatabaseKinds())('POST /login with bad input, on %s', (kind) => {
  const sut = useLoginStack(kind);

  // Cleared before the check: a test that fails leaving a user must not fail every later one.
  afterEach(async () => {
    const users = await sut.db.users();
    await sut.db.execute('DELETE FROM common_user');
    expect(users).toEqual([]);
  });

  it.each([
    ['a missing code', {}, 'code'],
    ['a code of the wrong type', { code: 12345 }, 'code'],
    ['an empty code', { code: '' }, 'code'],
    ['a code longer than 128 characters', { code: 'c'.repeat(129) }, 'code'],
    ['a code with a lone surrogate (found by the fuzz test)', { code: '\ud800' }, 'code'],
    ['a code with a control character', { code: 'ab\u0000c' }, 'code'],
    ['an unknown field', { code: 'abc', admin: true }, 'admin'],
    ['an avatar that is not a URL', { code: 'abc', avatar: 'not a url' }, 'avatar'],
    ['an avatar with another scheme', { code: 'abc', avatar: 'ftp://example.com/a.png' }, 'avatar'],
    [
      'an avatar longer than 512 characters',
      { code: 'abc', avatar: `https://example.com/${'a'.repeat(500)}` },
      'avatar',
    ],
    [
      'an avatar over 512 code points that validator.js counts as 414 characters',
      { code: 'abc', avatar: AVATAR_OVER_512_CODE_POINTS },
      'avatar',
    ],
    ['a nickname of the wrong type', { code: 'abc', nickname: ['x'] }, 'nickname'],
    ['a nickname with a control character', { code: 'abc', nickname: 'bad\u0000name' }, 'nickname'],
    ['a nickname longer than 32 characters', { code: 'abc', nickname: 'n'.repeat(33) }, 'nickname'],
    ['a nickname with a lone surrogate', { code: 'abc', nickname: '\udc00x' }, 'nickname'],
    [
      'a nickname of 34 code points that validator.js counts as 17 characters',
      { code: 'abc', nickname: NICKNAME_OVER_32_CODE_POINTS },
      'nickname',
    ],
  ])('answers 400 VALIDATION_FAILED naming the field for %s', async (_case, body, field) => {
    const response = await sut.login(body);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining(field),
    });
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const response = await request(`${sut.stack.customerUrl}/login`, { raw: '{"code": "abc",' });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: expect.any(String),
    });
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over 16 KiB', async () => {
    const response = await request(`${sut.stack.customerUrl}/login`, {
      raw: JSON.stringify({ code: 'c', nickname: 'n'.repeat(17 * 1024) }),
    });

    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.any(String),
    });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'answers 415 UNSUPPORTED_MEDIA_TYPE for %s',
    async (contentType) => {
      const response = await request(`${sut.stack.customerUrl}/login`, {
        raw: 'code=abc',
        headers: { 'content-type': contentType },
      });

      expect(response.status).toBe(415);
      expect(response.body).toEqual({
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.any(String),
      });
    },
  );

  it('does not use up a valid code when the rest of the body is invalid', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'careful' });
    expect((await sut.login({ code, avatar: 'nope' })).status).toBe(400);
    expect(await sut.db.users()).toEqual([]);

    expect((await sut.login({ code })).status).toBe(200);
    await sut.db.execute('DELETE FROM common_user');
  });
});
