import { setTimeout as sleep } from 'node:timers/promises';

import { expectError, JsonResponse, mintCode, request } from './support/http';
import { LoginFixture, useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds } from './support/test-database';

interface LoginBody {
  token: string;
  user: { id: string };
}

/** How many binds of one number race, and from whom. */
interface Crowd {
  /** Users already logged in, binding with PUT /users/me/phone or logging in again with phoneCode. */
  returning: number;
  /** People logging in for the first time with phoneCode. */
  newcomers: number;
}

/** A getPhoneNumber button code from the sandbox for this number. */
async function phoneCode(sut: LoginFixture, purePhoneNumber: string): Promise<string> {
  const { status, body } = await request<{ code: string }>(
    `${sut.stack.sandboxUrl}/sandbox/phone-codes`,
    { body: { purePhoneNumber } },
  );
  expect(status).toBe(201);
  return body.code;
}

async function logIn(sut: LoginFixture, user: string): Promise<LoginBody> {
  const { code } = await mintCode(sut.stack.sandboxUrl, { user });
  const response = await sut.login({ code });
  expect(response.status).toBe(200);
  return response.body as unknown as LoginBody;
}

/**
 * Binds of one number, fired together once every code is minted: half the
 * returning users by PUT /users/me/phone, the other half and the newcomers by
 * POST /login with phoneCode. Each answer comes with the id of the user it is
 * about (a newcomer's: known only from a successful answer).
 */
async function bindAllAtOnce(
  sut: LoginFixture,
  round: string,
  phone: string,
  crowd: Crowd,
): Promise<{ response: JsonResponse; userId?: string; requestId: string }[]> {
  const returning = await Promise.all(
    Array.from({ length: crowd.returning }, (_, n) => logIn(sut, `${round}-returning-${n}`)),
  );
  const binds = await Promise.all([
    ...returning.map(async ({ token, user }, n) => {
      const requestId = `${round}-${n}`;
      const body = { phoneCode: await phoneCode(sut, phone) };
      if (n % 2 === 0) {
        return {
          requestId,
          userId: user.id,
          send: () =>
            request(`${sut.stack.customerUrl}/users/me/phone`, {
              method: 'PUT',
              body,
              headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId },
            }),
        };
      }
      const { code } = await mintCode(sut.stack.sandboxUrl, { user: `${round}-returning-${n}` });
      return {
        requestId,
        userId: user.id,
        send: () =>
          request(`${sut.stack.customerUrl}/login`, {
            body: { code, ...body },
            headers: { 'x-request-id': requestId },
          }),
      };
    }),
    ...Array.from({ length: crowd.newcomers }, async (_, n) => {
      const requestId = `${round}-new-${n}`;
      const [{ code }, phoneCodeOfNewcomer] = await Promise.all([
        mintCode(sut.stack.sandboxUrl, { user: `${round}-newcomer-${n}` }),
        phoneCode(sut, phone),
      ]);
      return {
        requestId,
        userId: undefined as string | undefined,
        send: () =>
          request(`${sut.stack.customerUrl}/login`, {
            body: { code, phoneCode: phoneCodeOfNewcomer },
            headers: { 'x-request-id': requestId },
          }),
      };
    }),
  ]);
  const responses = await Promise.all(binds.map((bind) => bind.send()));
  return binds.map(({ requestId, userId }, n) => {
    const response = responses[n];
    const answered = response.body as { id?: string; user?: { id: string } };
    return { requestId, response, userId: userId ?? answered.user?.id ?? answered.id };
  });
}

/** The audit entries of these requests, once all are written (flushed every second). */
async function auditOf(sut: LoginFixture, requestIds: string[]) {
  const placeholders = requestIds.map(() => '?').join(', ');
  for (let waited = 0; ; waited += 100) {
    const rows = await sut.db.select<{ action: string; outcome: string; request_id: string }>(
      `SELECT action, outcome, request_id FROM login_audit WHERE request_id IN (${placeholders})`,
      requestIds,
    );
    if (rows.length >= requestIds.length || waited > 8000) return rows;
    await sleep(100);
  }
}

describe.each(e2eDatabaseKinds())('one number bound by many users at once on %s', (kind) => {
  const sut = useLoginStack(kind, { customerEnv: { LOGIN_RATE_LIMIT: '0' } });

  it.each([
    ['13900000001', 'returning users and newcomers', { returning: 8, newcomers: 8 }],
    ['13900000002', 'returning users and newcomers', { returning: 8, newcomers: 8 }],
    ['13900000003', 'returning users', { returning: 16, newcomers: 0 }],
    ['13900000004', 'newcomers', { returning: 0, newcomers: 16 }],
    ['13900000005', 'newcomers', { returning: 0, newcomers: 16 }],
  ])(
    'lets exactly one bind of %s by %s win; the others get 409 PHONE_TAKEN and write nothing',
    async (phone, _who, crowd) => {
      const round = `race-${phone}`;

      const binds = await bindAllAtOnce(sut, round, phone, crowd);

      const won = binds.filter(({ response }) => response.status === 200);
      expect(won).toHaveLength(1);
      for (const { response } of binds.filter((bind) => bind !== won[0])) {
        expectError(response, 409, 'PHONE_TAKEN');
      }
      const winner = won[0].userId;
      const users = await sut.db.users();
      const newcomerWon = won[0].requestId.includes('-new-');
      expect(users).toHaveLength(crowd.returning + (newcomerWon ? 1 : 0));
      expect(users.filter((user) => user.phone !== null)).toEqual([
        expect.objectContaining({ id: winner, phone, phone_country_code: '86' }),
      ]);
      expect(
        await sut.db.select(
          'SELECT id, phone_claim FROM common_user WHERE phone_claim IS NOT NULL',
        ),
      ).toEqual([{ id: winner, phone_claim: phone }]);
      expect(
        await sut.db.select('SELECT DISTINCT user_id FROM common_user_identity ORDER BY user_id'),
      ).toEqual(users.map((user) => ({ user_id: user.id })));
      const audit = await auditOf(
        sut,
        binds.map((bind) => bind.requestId),
      );
      expect(audit.map((entry) => entry.outcome).sort()).toEqual([
        'OK',
        ...Array<string>(binds.length - 1).fill('PHONE_TAKEN'),
      ]);
      expect(audit.find((entry) => entry.outcome === 'OK')?.request_id).toBe(won[0].requestId);
    },
  );

  it('frees the number when its holder binds another one or deletes the account', async () => {
    const holder = await logIn(sut, 'release-holder');
    const heirs = [await logIn(sut, 'release-heir-1'), await logIn(sut, 'release-heir-2')];
    const bind = async ({ token }: LoginBody, phone: string) =>
      request(`${sut.stack.customerUrl}/users/me/phone`, {
        method: 'PUT',
        body: { phoneCode: await phoneCode(sut, phone) },
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await bind(holder, '13900000010')).status).toBe(200);
    expectError(await bind(heirs[0], '13900000010'), 409, 'PHONE_TAKEN');

    expect((await bind(holder, '13900000011')).status).toBe(200);
    expect((await bind(heirs[0], '13900000010')).status).toBe(200);
    await fetch(`${sut.stack.customerUrl}/users/me`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${holder.token}` },
    });
    expect((await bind(heirs[1], '13900000011')).status).toBe(200);

    expect(
      (await sut.db.users()).map((user) => [
        user.id,
        user.phone,
        user.phone_claim,
        user.is_deleted,
      ]),
    ).toEqual([
      [holder.user.id, null, null, 1],
      [heirs[0].user.id, '13900000010', '13900000010', 0],
      [heirs[1].user.id, '13900000011', '13900000011', 0],
    ]);
  });
});

describe.each(e2eDatabaseKinds())(
  'one number bound by many users at once with PHONE_UNIQUE=false on %s',
  (kind) => {
    const sut = useLoginStack(kind, {
      customerEnv: { LOGIN_RATE_LIMIT: '0', PHONE_UNIQUE: 'false' },
    });

    it('lets every bind succeed, the number shared and claimed by no one', async () => {
      const binds = await bindAllAtOnce(sut, 'shared', '13900000020', {
        returning: 8,
        newcomers: 8,
      });

      expect(binds.map(({ response }) => response.status)).toEqual(Array<number>(16).fill(200));
      const users = await sut.db.users();
      expect(users.map((user) => [user.phone, user.phone_claim])).toEqual(
        Array<[string, null]>(16).fill(['13900000020', null]),
      );
    });
  },
);
