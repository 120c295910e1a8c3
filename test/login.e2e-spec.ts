import { JwtService } from '@nestjs/jwt';

import { decodeJwtPayload, mintCode } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { AVATAR_OF_512_CODE_POINTS, NICKNAME_OF_32_CODE_POINTS } from './support/profile-values';
import { CUSTOMER_TZ, TEST_JWT_ISSUER, TEST_JWT_SECRET } from './support/stack';
import { e2eDatabaseKinds } from './support/test-database';

const jwt = new JwtService({ secret: TEST_JWT_SECRET });
const SEVEN_DAYS = 7 * 24 * 3600;

describe.each(e2eDatabaseKinds())('POST /login on %s', (kind) => {
  const sut = useLoginStack(kind);

  it('creates one user on first login whose stored id equals the token sub digit for digit', async () => {
    const { code, openid } = await mintCode(sut.stack.sandboxUrl, { user: 'alice' });

    const response = await sut.login({ code });

    expect(response.status).toBe(200);
    const body = response.body as {
      token: string;
      user: { id: string; nickname: string; avatar: null };
    };
    expect(body.user.id).toMatch(/^\d+$/);
    expect(BigInt(body.user.id)).toBeGreaterThan(2n ** 53n);
    const claims = jwt.verify<Record<string, unknown>>(body.token, {
      algorithms: ['HS256'],
      issuer: TEST_JWT_ISSUER,
    });
    expect(claims).toMatchObject({
      sub: body.user.id,
      nickname: body.user.nickname,
      avatar: null,
      userType: 1,
      iss: TEST_JWT_ISSUER,
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(SEVEN_DAYS);
    expect(JSON.stringify(body)).not.toMatch(/session_key/);

    const rows = await sut.db.users();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: claims.sub,
      open_id: openid,
      status: 0,
      is_deleted: 0,
      avatar: null,
    });
    expect(rows[0].union_id).toEqual(expect.any(String));
  });

  it(`stores create_time and update_time in UTC though customer runs with TZ=${CUSTOMER_TZ}`, async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'in-utc' });

    expect((await sut.login({ code })).status).toBe(200);

    const [row] = await sut.db.users();
    const asUtc = (stored: string | null) => Date.parse(`${stored?.replace(' ', 'T')}Z`);
    expect(Math.abs(asUtc(row.create_time) - Date.now())).toBeLessThan(60_000);
    expect(Math.abs(asUtc(row.update_time) - Date.now())).toBeLessThan(60_000);
  });

  it('gives the same id when the same WeChat user logs in again with a fresh code', async () => {
    const first = await sut.login({
      code: (await mintCode(sut.stack.sandboxUrl, { user: 'bob' })).code,
    });
    const second = await sut.login({
      code: (await mintCode(sut.stack.sandboxUrl, { user: 'bob' })).code,
    });

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const firstUser = first.body.user as { id: string };
    expect(second.body.user).toEqual(first.body.user);
    expect(decodeJwtPayload(second.body.token as string).sub).toBe(firstUser.id);
    const rows = await sut.db.users();
    expect(rows.map((row) => row.id)).toEqual([firstUser.id]);
  });

  it('gives different users different ids', async () => {
    const carol = await sut.login({
      code: (await mintCode(sut.stack.sandboxUrl, { user: 'carol' })).code,
    });
    const dave = await sut.login({
      code: (await mintCode(sut.stack.sandboxUrl, { user: 'dave' })).code,
    });

    expect((carol.body.user as { id: string }).id).not.toBe((dave.body.user as { id: string }).id);
    expect(await sut.db.users()).toHaveLength(2);
  });

  it('names a new user 普通用户 followed by five random digits', async () => {
    const response = await sut.login({
      code: (await mintCode(sut.stack.sandboxUrl, { user: 'erin' })).code,
    });

    expect(response.status).toBe(200);
    const user = response.body.user as { nickname: string };
    expect(user.nickname).toMatch(/^普通用户\d{5}$/);
    const [row] = await sut.db.users();
    expect(row.nickname).toBe(user.nickname);
  });

  it('stores the nickname and avatar of the first login and leaves an existing user unchanged', async () => {
    const avatar = 'https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132';
    const first = await sut.login({
      code: (await mintCode(sut.stack.sandboxUrl, { user: 'frank' })).code,
      nickname: '  小明 🐼  ',
      avatar,
    });
    const again = await sut.login({
      code: (await mintCode(sut.stack.sandboxUrl, { user: 'frank' })).code,
      nickname: 'someone else',
      avatar: 'https://example.com/other.png',
    });

    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ nickname: '小明 🐼', avatar });
    expect(again.body.user).toEqual(first.body.user);
    const [row] = await sut.db.users();
    expect(row).toMatchObject({ nickname: '小明 🐼', avatar });
  });

  it('stores a 512-code-point avatar and a 32-code-point nickname of emoji and variation selectors exactly', async () => {
    const response = await sut.login({
      code: (await mintCode(sut.stack.sandboxUrl, { user: 'longest' })).code,
      nickname: NICKNAME_OF_32_CODE_POINTS,
      avatar: AVATAR_OF_512_CODE_POINTS,
    });

    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({
      nickname: NICKNAME_OF_32_CODE_POINTS,
      avatar: AVATAR_OF_512_CODE_POINTS,
    });
    const rows = await sut.db.users();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      nickname: NICKNAME_OF_32_CODE_POINTS,
      avatar: AVATAR_OF_512_CODE_POINTS,
    });
  });

  it('refuses a frozen user with 403 ACCOUNT_FROZEN and the stored lock reason, without a token', async () => {
    const first = await sut.login({
      code: (await mintCode(sut.stack.sandboxUrl, { user: 'grace' })).code,
    });
    const id = (first.body.user as { id: string }).id;
    await sut.db.execute(
      'UPDATE common_user SET status = 1, account_lock_reason = ? WHERE id = ?',
      ['多次违规发布广告', id],
    );
    const before = await sut.db.users();

    const response = await sut.login({
      code: (await mintCode(sut.stack.sandboxUrl, { user: 'grace' })).code,
    });

    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      statusCode: 403,
      code: 'ACCOUNT_FROZEN',
      message: expect.stringContaining('多次违规发布广告'),
    });
    expect(response.body).not.toHaveProperty('token');
    expect(await sut.db.users()).toEqual(before);
  });

  it('returns an id above 2^53 exactly as stored, in the body and the token', async () => {
    const { code, openid } = await mintCode(sut.stack.sandboxUrl, { user: 'heidi' });
    const bigId = (2n ** 53n + 1n).toString();
    await sut.db.execute(
      'INSERT INTO common_user (id, status, nickname, open_id, is_deleted) VALUES (?, 0, ?, ?, 0)',
      [bigId, 'heidi', openid],
    );

    const response = await sut.login({ code });

    expect(response.status).toBe(200);
    expect((response.body.user as { id: string }).id).toBe('9007199254740993');
    expect(decodeJwtPayload(response.body.token as string).sub).toBe('9007199254740993');
    expect((await sut.db.users()).map((row) => row.id)).toEqual(['9007199254740993']);
  });
});
