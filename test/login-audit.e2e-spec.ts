import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { AuditEntryRecord, CustomerPatterns } from '@app/contracts';

import { CustomerRpc } from './support/customer-rpc';
import { mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds, TestDatabase } from './support/test-database';

interface StoredAudit {
  user_id: string | null;
  action: string;
  outcome: string;
  appid: string | null;
  openid_hash: string | null;
  client_ip: string | null;
  user_agent: string | null;
  request_id: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const SEED_LOGIN_PATH = '/customer/open/login/common/user';

/** A login refused before the login itself: no user, appid or openid, only its origin. */
const refusedLogin = (requestId: string, outcome: string): StoredAudit => ({
  user_id: null,
  action: 'login',
  outcome,
  appid: null,
  openid_hash: null,
  request_id: requestId,
  client_ip: expect.stringContaining('127.0.0.1') as unknown as string,
  user_agent: 'e2e-mp/1.0',
});

async function auditRows(db: TestDatabase, where = '1 = 1'): Promise<StoredAudit[]> {
  return db.select<StoredAudit>(
    `SELECT user_id, action, outcome, appid, openid_hash, client_ip, user_agent, request_id FROM login_audit WHERE ${where} ORDER BY id`,
  );
}

/** The entries appear within the flush interval (1 s): poll a little longer. */
async function eventually<T>(read: () => Promise<T[]>, count: number): Promise<T[]> {
  for (let waited = 0; ; waited += 100) {
    const rows = await read();
    if (rows.length >= count || waited > 8000) return rows;
    await sleep(100);
  }
}

describe.each(e2eDatabaseKinds())('login_audit on %s', (kind) => {
  const sut = useLoginStack(kind, {
    customerEnv: { AUDIT_RETENTION_DAYS: '30', LOGIN_CODE_RATE_LIMIT: '2' },
  });
  let rpc: CustomerRpc;

  beforeAll(() => {
    rpc = new CustomerRpc(sut.stack.customerRpcPort);
  });
  afterAll(() => rpc?.close());

  const headers = (requestId: string) => ({
    'x-request-id': requestId,
    'user-agent': 'e2e-mp/1.0',
  });

  it('records each login attempt with its outcome, never the code, the token or the openid in clear', async () => {
    const good = await mintCode(sut.stack.sandboxUrl, { user: 'audited' });
    const bad = await mintCode(sut.stack.sandboxUrl, { user: 'audited', errcode: 40029 });
    const ok = await request(`${sut.stack.customerUrl}/login`, {
      body: { code: good.code },
      headers: headers('audit-ok-1'),
    });
    const refused = await request(`${sut.stack.customerUrl}/login`, {
      body: { code: bad.code },
      headers: headers('audit-bad-1'),
    });
    expect([ok.status, refused.status]).toEqual([200, 401]);
    const userId = (ok.body.user as { id: string }).id;

    const rows = await eventually(
      () => auditRows(sut.db, "request_id IN ('audit-ok-1', 'audit-bad-1')"),
      2,
    );

    const origin = { client_ip: expect.stringContaining('127.0.0.1'), user_agent: 'e2e-mp/1.0' };
    expect(rows).toEqual([
      {
        user_id: userId,
        action: 'login',
        outcome: 'OK',
        appid: 'wx-e2e-appid',
        openid_hash: sha256(good.openid),
        request_id: 'audit-ok-1',
        ...origin,
      },
      {
        user_id: null,
        action: 'login',
        outcome: 'INVALID_LOGIN_CODE',
        appid: 'wx-e2e-appid',
        openid_hash: null,
        request_id: 'audit-bad-1',
        ...origin,
      },
    ]);
    const stored = JSON.stringify(await auditRows(sut.db));
    for (const secret of [good.code, bad.code, good.openid, ok.body.token as string]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('records a login the validation refuses, with its origin', async () => {
    const refused = await request(`${sut.stack.customerUrl}/login`, {
      body: { code: 'c', role: 'admin' },
      headers: headers('audit-invalid-1'),
    });
    expect(refused.status).toBe(400);

    const rows = await eventually(() => auditRows(sut.db, "request_id = 'audit-invalid-1'"), 1);

    expect(rows).toEqual([
      {
        user_id: null,
        action: 'login',
        outcome: 'VALIDATION_FAILED',
        appid: null,
        openid_hash: null,
        request_id: 'audit-invalid-1',
        client_ip: expect.stringContaining('127.0.0.1'),
        user_agent: 'e2e-mp/1.0',
      },
    ]);
  });

  it("records a login the validation refuses on the seed's route, with its origin", async () => {
    const refused = await request(`${sut.stack.customerUrl}${SEED_LOGIN_PATH}`, {
      body: { code: 'c', role: 'admin' },
      headers: headers('audit-seed-invalid-1'),
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ code: 400, data: null });

    const rows = await eventually(
      () => auditRows(sut.db, "request_id = 'audit-seed-invalid-1'"),
      1,
    );

    expect(rows).toEqual([refusedLogin('audit-seed-invalid-1', 'VALIDATION_FAILED')]);
  });

  describe.each([
    ['POST /login', '/login', (status: number) => status],
    [`POST ${SEED_LOGIN_PATH}`, SEED_LOGIN_PATH, () => 200],
  ])('on %s', (_route, path, httpStatus) => {
    it.each([
      ['a body that is not JSON', '{"code": "abc",', 'application/json', 400, 'MALFORMED_JSON'],
      [
        'a body over 16 KiB',
        JSON.stringify({ code: 'c', nickname: 'n'.repeat(17 * 1024) }),
        'application/json',
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['a body of another content type', 'code=abc', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ])(
      'records a login the body parser refuses (%s), with its origin and the code answered',
      async (_case, raw, contentType, status, code) => {
        const requestId = `audit-parser-${path.length}-${status}`;
        const refused = await request(`${sut.stack.customerUrl}${path}`, {
          raw,
          headers: { ...headers(requestId), 'content-type': contentType },
        });
        expect(refused.status).toBe(httpStatus(status));

        const rows = await eventually(() => auditRows(sut.db, `request_id = '${requestId}'`), 1);

        expect(rows).toEqual([refusedLogin(requestId, code)]);
      },
    );
  });

  it('records no login for a body the parser refuses on a route that is not a login', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'audit-not-a-login' });
    const { token } = (await request(`${sut.stack.customerUrl}/login`, { body: { code } }))
      .body as { token: string };

    const refused = await request(`${sut.stack.customerUrl}/users/me`, {
      method: 'PATCH',
      raw: '{"nickname":',
      headers: { ...headers('audit-not-a-login-1'), authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(400);
    // Entries are written in the order they come: once a later one is stored, so is this one.
    await request(`${sut.stack.customerUrl}/login`, {
      raw: '{',
      headers: headers('audit-not-a-login-2'),
    });
    await eventually(() => auditRows(sut.db, "request_id = 'audit-not-a-login-2'"), 1);

    expect(await auditRows(sut.db, "request_id = 'audit-not-a-login-1'")).toEqual([]);
  });

  it('records a login the rate limit refuses, with its origin', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'limited' });
    const statuses: number[] = [];
    for (const attempt of [1, 2, 3]) {
      const response = await request(`${sut.stack.customerUrl}/login`, {
        body: { code },
        headers: headers(`audit-limited-${attempt}`),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 401, 429]);

    const rows = await eventually(() => auditRows(sut.db, "request_id = 'audit-limited-3'"), 1);

    expect(rows).toEqual([
      {
        user_id: null,
        action: 'login',
        outcome: 'TOO_MANY_REQUESTS',
        appid: null,
        openid_hash: null,
        request_id: 'audit-limited-3',
        client_ip: expect.stringContaining('127.0.0.1'),
        user_agent: 'e2e-mp/1.0',
      },
    ]);
  });

  it("answers user.audit with the user's entries, newest first, up to the limit", async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'audit-history' });
    const login = await request(`${sut.stack.customerUrl}/login`, { body: { code } });
    const { token, user } = login.body as { token: string; user: { id: string } };
    await fetch(`${sut.stack.customerUrl}/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    await rpc.call(CustomerPatterns.USER_FREEZE, { id: user.id, reason: 'audit' });

    const entries = await rpc.call<AuditEntryRecord[]>(CustomerPatterns.USER_AUDIT, {
      id: user.id,
    });
    const limited = await rpc.call<AuditEntryRecord[]>(CustomerPatterns.USER_AUDIT, {
      id: user.id,
      limit: 1,
    });

    expect(entries.map((entry) => [entry.action, entry.outcome])).toEqual([
      ['freeze', 'OK'],
      ['logout', 'OK'],
      ['login', 'OK'],
    ]);
    expect(entries[2]).toMatchObject({ appid: 'wx-e2e-appid', at: expect.any(String) });
    expect(limited).toEqual([entries[0]]);
  });

  it('deletes entries older than AUDIT_RETENTION_DAYS and keeps the rest', async () => {
    const daysAgo = (days: number) =>
      new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
    await sut.db.execute(
      "INSERT INTO login_audit (create_time, action, outcome, request_id) VALUES (?, 'login', 'OK', 'audit-old'), (?, 'login', 'OK', 'audit-recent')",
      [daysAgo(31), daysAgo(29)],
    );

    // The first sweep runs 5 s after start, then hourly: a customer started now sweeps these rows.
    const sweeper = await sut.stack.extraCustomer({ WORKER_ID: 'auto' });
    await sweeper.process.start();
    let left: StoredAudit[] = [];
    for (let waited = 0; waited < 15_000; waited += 250) {
      left = await auditRows(sut.db, "request_id IN ('audit-old', 'audit-recent')");
      if (left.length === 1) break;
      await sleep(250);
    }
    expect(left.map((row) => row.request_id)).toEqual(['audit-recent']);
    await sweeper.process.stop();
  });

  it('writes the entries still queued when customer shuts down', async () => {
    const codes = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => mintCode(sut.stack.sandboxUrl, { user: `shutdown-${n}` })),
    );
    const responses = await Promise.all(
      codes.map(({ code }, n) =>
        request(`${sut.stack.customerUrl}/login`, {
          body: { code },
          headers: headers(`audit-shutdown-${n}`),
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);

    await sut.stack.customer.stop();

    expect(await auditRows(sut.db, "request_id LIKE 'audit-shutdown-%'")).toHaveLength(5);
  });
});
