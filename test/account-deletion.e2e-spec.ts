import { CustomerPatterns, IntrospectResult, UserRecord } from '@app/contracts';

import { CustomerRpc } from './support/customer-rpc';
import { expectError, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds } from './support/test-database';

interface LoginBody {
  token: string;
  user: { id: string };
}

/** Columns that hold something about the person. */
const PERSONAL_FIELDS = [
  'nickname',
  'phone',
  'phone_country_code',
  'phone_claim',
  'avatar',
  'open_id',
  'union_id',
  'account_lock_reason',
] as const;

describe.each(e2eDatabaseKinds())('DELETE /users/me (注销) on %s', (kind) => {
  const sut = useLoginStack(kind);
  let rpc: CustomerRpc;

  beforeAll(() => {
    rpc = new CustomerRpc(sut.stack.customerRpcPort);
  });
  afterAll(() => rpc?.close());

  const logIn = async (user: string, body: Record<string, unknown> = {}) => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user });
    const response = await sut.login({ code, ...body });
    expect(response.status).toBe(200);
    return response.body as unknown as LoginBody;
  };
  /** As a client sends it: no body, so no content type. */
  const deleteMe = (token: string) =>
    fetch(`${sut.stack.customerUrl}/users/me`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });

  it('erases every personal field, keeps the row marked deleted and revokes the token', async () => {
    const { token, user } = await logIn('to-be-deleted', {
      nickname: '要注销的人',
      avatar: 'https://a.example/me.png',
    });
    await sut.db.execute(
      'UPDATE common_user SET phone = ?, phone_country_code = ?, phone_claim = ? WHERE id = ?',
      ['13800000000', '86', '13800000000', user.id],
    );

    const response = await deleteMe(token);

    expect(response.status).toBe(204);
    const [row] = await sut.db.users();
    expect(row.id).toBe(user.id);
    expect(row.is_deleted).toBe(1);
    expect(row.token_version).toBe(1);
    for (const field of PERSONAL_FIELDS) expect(row[field]).toBeNull();
    expect(
      await sut.db.select('SELECT * FROM common_user_identity WHERE user_id = ?', [user.id]),
    ).toEqual([]);
    expectError(
      await request(`${sut.stack.customerUrl}/users/me`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      403,
      'ACCOUNT_DELETED',
    );
    expect(await rpc.call<IntrospectResult>(CustomerPatterns.AUTH_INTROSPECT, { token })).toEqual({
      active: false,
    });
    expect(
      await rpc.call<UserRecord>(CustomerPatterns.USER_FIND_BY_ID, { id: user.id }),
    ).toMatchObject({ deleted: true, identities: [], nickname: null, unionid: null });
  });

  it('gives the same WeChat user a new, empty account on the next login', async () => {
    const first = await logIn('comes-back', { nickname: '旧名字' });
    await deleteMe(first.token);

    const { code, openid } = await mintCode(sut.stack.sandboxUrl, { user: 'comes-back' });
    const second = (await sut.login({ code })).body as unknown as LoginBody;

    expect(second.user.id).not.toBe(first.user.id);
    const rows = await sut.db.users();
    expect(rows).toHaveLength(2);
    const [old, fresh] = rows;
    expect(old).toMatchObject({ id: first.user.id, is_deleted: 1, open_id: null, nickname: null });
    expect(fresh).toMatchObject({ id: second.user.id, is_deleted: 0, open_id: openid });
    expect(fresh.nickname).toMatch(/^普通用户\d{5}$/);
    expect(await sut.db.select('SELECT user_id, openid FROM common_user_identity')).toEqual([
      { user_id: second.user.id, openid },
    ]);
  });

  it("changes no other user's row", async () => {
    const leaving = await logIn('leaves');
    await logIn('stays-1', { nickname: '留下一' });
    await logIn('stays-2', { nickname: '留下二' });
    const others = async () => (await sut.db.users()).filter((row) => row.id !== leaving.user.id);
    const identities = () =>
      sut.db.select('SELECT * FROM common_user_identity WHERE user_id <> ? ORDER BY openid', [
        leaving.user.id,
      ]);
    const [usersBefore, identitiesBefore] = [await others(), await identities()];

    await deleteMe(leaving.token);

    expect(await others()).toEqual(usersBefore);
    expect(await identities()).toEqual(identitiesBefore);
    expect(usersBefore).toHaveLength(2);
  });
});
