import {
  CustomerPatterns,
  CustomerRpcErrorCode,
  IntrospectResult,
  UserRecord,
} from '@app/contracts';

import { CustomerRpc } from './support/customer-rpc';
import { expectError, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds } from './support/test-database';

interface LoginBody {
  token: string;
  user: { id: string };
}

describe.each(e2eDatabaseKinds())('revocation, freezing and introspection on %s', (kind) => {
  const sut = useLoginStack(kind);
  let rpc: CustomerRpc;

  beforeAll(() => {
    rpc = new CustomerRpc(sut.stack.customerRpcPort);
  });
  afterAll(() => rpc?.close());

  const logIn = async (user: string) => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user });
    const response = await sut.login({ code });
    expect(response.status).toBe(200);
    return response.body as unknown as LoginBody;
  };
  const me = (token: string) =>
    request(`${sut.stack.customerUrl}/users/me`, { headers: { authorization: `Bearer ${token}` } });
  /** As a client sends it: no body, so no content type. */
  const logout = (token: string) =>
    fetch(`${sut.stack.customerUrl}/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  const introspect = (token: string) =>
    rpc.call<IntrospectResult>(CustomerPatterns.AUTH_INTROSPECT, { token });
  const stored = async (id: string) => (await sut.db.users()).find((user) => user.id === id);

  it('reports a live token active with sub, userType and exp, and anything else inactive', async () => {
    const { token, user } = await logIn('introspect-live');
    const [, payload] = token.split('.');
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number };

    expect(await introspect(token)).toEqual({ active: true, sub: user.id, userType: 1, exp });
    expect(await introspect('not.a.token')).toEqual({ active: false });
    expect(await introspect(`${token.slice(0, -2)}xx`)).toEqual({ active: false });
  });

  it('refuses an introspection payload that breaks the contract, with its own code', async () => {
    expect(await rpc.failure(CustomerPatterns.AUTH_INTROSPECT, { token: 't', extra: 1 })).toEqual({
      code: CustomerRpcErrorCode.INVALID_USER_PAYLOAD,
      message: expect.stringContaining('extra'),
    });
    expect(await rpc.failure(CustomerPatterns.AUTH_INTROSPECT, {})).toMatchObject({
      code: CustomerRpcErrorCode.INVALID_USER_PAYLOAD,
    });
  });

  it("logout revokes every token of the user at once, and only that user's", async () => {
    const first = await logIn('logout-user');
    const second = await logIn('logout-user');
    const other = await logIn('logout-bystander');

    const response = await logout(first.token);

    expect(response.status).toBe(204);
    expectError(await me(first.token), 401, 'INVALID_TOKEN');
    expectError(await me(second.token), 401, 'INVALID_TOKEN');
    expect(await introspect(second.token)).toEqual({ active: false });
    expect((await me(other.token)).status).toBe(200);
    expect(await stored(first.user.id)).toMatchObject({ token_version: 1 });
    expect(await stored(other.user.id)).toMatchObject({ token_version: 0 });

    const again = await logIn('logout-user');
    expect(again.user.id).toBe(first.user.id);
    expect((await me(again.token)).status).toBe(200);
    expect(await introspect(again.token)).toMatchObject({ active: true });
  });

  it('freezing takes effect on the very next request and is reported inactive', async () => {
    const { token, user } = await logIn('frozen-by-rpc');
    expect((await me(token)).status).toBe(200);

    const frozen = await rpc.call<UserRecord>(CustomerPatterns.USER_FREEZE, {
      id: user.id,
      reason: '违规发言',
    });

    expect(frozen).toMatchObject({
      id: user.id,
      status: 1,
      lockReason: '违规发言',
      deleted: false,
    });
    const refused = await me(token);
    expectError(refused, 403, 'ACCOUNT_FROZEN');
    expect(refused.body.message).toContain('违规发言');
    expect(await introspect(token)).toEqual({ active: false });
    expect(await stored(user.id)).toMatchObject({
      status: 1,
      account_lock_reason: '违规发言',
      token_version: 1,
    });
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'frozen-by-rpc' });
    expectError(await sut.login({ code }), 403, 'ACCOUNT_FROZEN');
  });

  it('unfreezing lets the user log in again, but tokens from before the freeze stay revoked', async () => {
    const { token, user } = await logIn('unfrozen-by-rpc');
    await rpc.call(CustomerPatterns.USER_FREEZE, { id: user.id, reason: 'check' });

    const unfrozen = await rpc.call<UserRecord>(CustomerPatterns.USER_UNFREEZE, { id: user.id });

    expect(unfrozen).toMatchObject({ status: 0, lockReason: null });
    expectError(await me(token), 401, 'INVALID_TOKEN');
    expect(await introspect(token)).toEqual({ active: false });
    const again = await logIn('unfrozen-by-rpc');
    expect((await me(again.token)).status).toBe(200);
    expect(await stored(user.id)).toMatchObject({ status: 0, account_lock_reason: null });
  });

  it('answers USER_NOT_FOUND for an unknown id and INVALID_USER_PAYLOAD for a bad one, changing nothing', async () => {
    const { user } = await logIn('rpc-bystander');
    const before = await sut.db.users();

    expect(
      await rpc.failure(CustomerPatterns.USER_FREEZE, { id: '12345', reason: 'x' }),
    ).toMatchObject({ code: CustomerRpcErrorCode.USER_NOT_FOUND });
    for (const payload of [
      { id: 12345, reason: 'x' },
      { id: user.id },
      { id: user.id, reason: '' },
      { id: '99999999999999999999', reason: 'x' },
      { id: user.id, reason: 'x', status: 0 },
    ]) {
      expect(await rpc.failure(CustomerPatterns.USER_FREEZE, payload)).toMatchObject({
        code: CustomerRpcErrorCode.INVALID_USER_PAYLOAD,
      });
    }
    expect(await sut.db.users()).toEqual(before);
  });

  it('finds users by id and by openid, with their identities', async () => {
    const { code, openid } = await mintCode(sut.stack.sandboxUrl, { user: 'rpc-find' });
    const { user } = (await sut.login({ code })).body as unknown as LoginBody;

    const byId = await rpc.call<UserRecord>(CustomerPatterns.USER_FIND_BY_ID, { id: user.id });
    const byOpenid = await rpc.call<UserRecord>(CustomerPatterns.USER_FIND_BY_OPENID, { openid });

    expect(byId).toEqual(byOpenid);
    expect(byId).toMatchObject({
      id: user.id,
      status: 0,
      deleted: false,
      phoneMasked: null,
      identities: [{ appid: 'wx-e2e-appid', openid, unionid: expect.any(String) }],
    });
    expect(
      await rpc.call(CustomerPatterns.USER_FIND_BY_OPENID, { openid, appid: 'wx-other-app' }),
    ).toBeNull();
  });
});
