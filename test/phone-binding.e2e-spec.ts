import { CustomerPatterns, UserRecord } from '@app/contracts';

import { CustomerRpc } from './support/customer-rpc';
import { decodeJwtPayload, expectError, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds } from './support/test-database';

interface LoginBody {
  token: string;
  user: { id: string };
}

describe.each(e2eDatabaseKinds())('phone numbers on %s', (kind) => {
  const sut = useLoginStack(kind);
  let rpc: CustomerRpc;

  beforeAll(() => {
    rpc = new CustomerRpc(sut.stack.customerRpcPort);
  });
  afterAll(() => rpc?.close());

  /** A getPhoneNumber button code from the sandbox, for this number. */
  const phoneCode = async (purePhoneNumber: string, extra: Record<string, unknown> = {}) => {
    const { status, body } = await request<{ code: string }>(
      `${sut.stack.sandboxUrl}/sandbox/phone-codes`,
      { body: { purePhoneNumber, ...extra } },
    );
    expect(status).toBe(201);
    return body.code;
  };
  const logIn = async (user: string, body: Record<string, unknown> = {}) => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user });
    return sut.login({ code, ...body });
  };
  const bindPhone = (token: string, body: unknown) =>
    request(`${sut.stack.customerUrl}/users/me/phone`, {
      method: 'PUT',
      body,
      headers: { authorization: `Bearer ${token}` },
    });
  const row = async (id: string) => (await sut.db.users()).find((user) => user.id === id);

  it('logs in and binds the phone in one request, showing it only masked', async () => {
    const response = await logIn('phone-at-login', { phoneCode: await phoneCode('13800001111') });

    expect(response.status).toBe(200);
    const { token, user } = response.body as unknown as LoginBody;
    expect(decodeJwtPayload(token).phone).toBe('138****1111');
    expect(await row(user.id)).toMatchObject({ phone: '13800001111', phone_country_code: '86' });
    const me = await request(`${sut.stack.customerUrl}/users/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.body).toMatchObject({ id: user.id, phone: '138****1111' });
    expect(JSON.stringify(me.body)).not.toContain('13800001111');
  });

  it('fails the login with its own error and writes nothing when WeChat refuses the phone code', async () => {
    const response = await logIn('phone-refused', {
      phoneCode: await phoneCode('13800002222', { errcode: 40029 }),
    });

    expectError(response, 400, 'INVALID_PHONE_CODE');
    expect(await sut.db.users()).toEqual([]);
    expect(await sut.db.select('SELECT * FROM common_user_identity')).toEqual([]);
  });

  it('binds and replaces the phone with PUT /users/me/phone, storing the country code apart', async () => {
    const { token, user } = (await logIn('phone-later')).body as unknown as LoginBody;

    const first = await bindPhone(token, { phoneCode: await phoneCode('13800003333') });
    const second = await bindPhone(token, {
      phoneCode: await phoneCode('2025550100', { countryCode: '1' }),
    });

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ phone: '138****3333' });
    expect(second.body).toMatchObject({ phone: '202****0100' });
    expect(await row(user.id)).toMatchObject({ phone: '2025550100', phone_country_code: '1' });
  });

  it('refuses a number another live user holds with 409 PHONE_TAKEN, at login and on PUT, writing nothing', async () => {
    const holder = (await logIn('phone-holder', { phoneCode: await phoneCode('13800004444') }))
      .body as unknown as LoginBody;
    const other = (await logIn('phone-other')).body as unknown as LoginBody;
    const before = await sut.db.users();

    expectError(
      await bindPhone(other.token, { phoneCode: await phoneCode('13800004444') }),
      409,
      'PHONE_TAKEN',
    );
    expectError(
      await logIn('phone-newcomer', { phoneCode: await phoneCode('13800004444') }),
      409,
      'PHONE_TAKEN',
    );
    expect(await sut.db.users()).toEqual(before);
    expect(await row(holder.user.id)).toMatchObject({ phone: '13800004444' });
  });

  it('frees the number of a deleted user', async () => {
    const gone = (await logIn('phone-gone', { phoneCode: await phoneCode('13800005555') }))
      .body as unknown as LoginBody;
    await fetch(`${sut.stack.customerUrl}/users/me`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${gone.token}` },
    });

    const response = await logIn('phone-heir', { phoneCode: await phoneCode('13800005555') });

    expect(response.status).toBe(200);
  });

  it("binds through the seed's PUT /customer/consumer/common-user?phoneCode= with the raw token", async () => {
    const { token, user } = (await logIn('phone-seed')).body as unknown as LoginBody;

    const response = await fetch(
      `${sut.stack.customerUrl}/customer/consumer/common-user?phoneCode=${await phoneCode('13800006666')}`,
      { method: 'PUT', headers: { Authorization: token } },
    );

    expect({ status: response.status, text: await response.text() }).toEqual({
      status: 200,
      text: '{"code":200,"msg":"OK","data":null}',
    });
    expect(await row(user.id)).toMatchObject({ phone: '13800006666', phone_country_code: '86' });
    const found = await rpc.call<UserRecord[]>(CustomerPatterns.USER_FIND_BY_PHONE, {
      phone: '13800006666',
    });
    expect(found).toEqual([expect.objectContaining({ id: user.id, phoneMasked: '138****6666' })]);
  });
});

describe.each(e2eDatabaseKinds())('phone numbers with PHONE_UNIQUE=false on %s', (kind) => {
  const sut = useLoginStack(kind, { customerEnv: { PHONE_UNIQUE: 'false' } });

  it('lets two live users bind one number', async () => {
    const phoneCode = async () =>
      (
        await request<{ code: string }>(`${sut.stack.sandboxUrl}/sandbox/phone-codes`, {
          body: { purePhoneNumber: '13800007777' },
        })
      ).body.code;
    for (const user of ['shared-1', 'shared-2']) {
      const { code } = await mintCode(sut.stack.sandboxUrl, { user });
      expect((await sut.login({ code, phoneCode: await phoneCode() })).status).toBe(200);
    }

    expect((await sut.db.users()).map((row) => row.phone)).toEqual(['13800007777', '13800007777']);
  });
});
