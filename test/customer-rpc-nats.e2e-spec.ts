import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { CustomerPatterns, customerNatsSubject, UserRecord } from '@app/contracts';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';

import { mintCode } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { E2E_NATS_URL } from './support/nats';
import { e2eDatabaseKinds } from './support/test-database';

const SUBJECT_PREFIX = `e2e_${randomBytes(5).toString('hex')}`;

/** Freezes recorded for the user, polled past the audit trail's flush interval. */
async function freezeEntries(
  select: (sql: string) => Promise<unknown[]>,
  userId: string,
): Promise<unknown[]> {
  let rows: unknown[] = [];
  for (let waited = 0; waited <= 4000; waited += 200) {
    rows = await select(
      `SELECT id FROM login_audit WHERE action = 'freeze' AND user_id = ${BigInt(userId)}`,
    );
    if (rows.length > 0 && waited >= 2000) break;
    await sleep(200);
  }
  return rows;
}

describe.each(e2eDatabaseKinds())("customer's user RPC over NATS on %s", (kind) => {
  const sut = useLoginStack(kind, {
    customerEnv: {
      CUSTOMER_RPC_TRANSPORT: 'nats',
      NATS_URL: E2E_NATS_URL,
      NATS_SUBJECT_PREFIX: SUBJECT_PREFIX,
    },
  });
  let client: ClientProxy;

  beforeAll(async () => {
    client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [E2E_NATS_URL] },
    });
    await client.connect();
  });
  afterAll(() => client?.close());

  const call = <T>(pattern: string, payload: unknown): Promise<T> =>
    firstValueFrom(
      client.send<T>(customerNatsSubject(SUBJECT_PREFIX, pattern), payload).pipe(timeout(10_000)),
    );

  it('answers user.findById on the deployment subject', async () => {
    const { code, openid } = await mintCode(sut.stack.sandboxUrl, { user: 'rpc-over-nats' });
    const login = await sut.login({ code });
    const id = (login.body.user as { id: string }).id;

    const found = await call<UserRecord>(CustomerPatterns.USER_FIND_BY_ID, { id });

    expect(found.id).toBe(id);
    expect(found.identities.map((identity) => identity.openid)).toEqual([openid]);
  });

  it('runs a request on one instance only when two customers serve the queue group', async () => {
    const second = await sut.stack.extraCustomer({ WORKER_ID: 'auto' });
    await second.process.start();
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'frozen-once' });
    const id = ((await sut.login({ code })).body.user as { id: string }).id;

    await call(CustomerPatterns.USER_FREEZE, { id, reason: 'spam' });

    expect(await freezeEntries((sql) => sut.db.select(sql), id)).toHaveLength(1);
    const [row] = await sut.db.select<{ account_lock_reason: string }>(
      `SELECT account_lock_reason FROM common_user WHERE id = ${BigInt(id)}`,
    );
    expect(row.account_lock_reason).toBe('spam');
    await second.process.stop();
  });
});
