import { setTimeout as sleep } from 'node:timers/promises';

import { mintCode } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds } from './support/test-database';

const LEASE_TTL_MS = 2000;
/** Outlives any customer start on a loaded machine: a lease of this length cannot run out during a test step. */
const LONG_LEASE_TTL_MS = 60000;

describe.each(e2eDatabaseKinds())('WORKER_ID leases on %s', (kind) => {
  const sut = useLoginStack(kind, {
    customerEnv: { WORKER_ID: '7', WORKER_LEASE_TTL_MS: String(LONG_LEASE_TTL_MS) },
  });

  it('refuses to start a second instance with a WORKER_ID a live instance holds, and frees it on shutdown', async () => {
    const duplicate = await sut.stack.extraCustomer({ WORKER_ID: '7' });
    await expect(duplicate.process.start()).rejects.toThrow(
      /WORKER_ID 7 is held by another live instance/,
    );

    const otherId = await sut.stack.extraCustomer({ WORKER_ID: '8' });
    await otherId.process.start();
    await otherId.process.stop();

    expect(await sut.stack.customer.stop()).toBe(0);
    const successor = await sut.stack.extraCustomer({ WORKER_ID: '7' });
    await successor.process.start();
    await successor.process.stop();
  });

  it("keeps a killed instance's WORKER_ID until its lease runs out, then frees it", async () => {
    const killedLongLease = await sut.stack.extraCustomer({ WORKER_ID: '10' });
    await killedLongLease.process.start();
    await killedLongLease.process.stop('SIGKILL');
    const tooEarly = await sut.stack.extraCustomer({ WORKER_ID: '10' });
    await expect(tooEarly.process.start()).rejects.toThrow(/held by another live instance/);

    const shortLease = { WORKER_ID: '11', WORKER_LEASE_TTL_MS: String(LEASE_TTL_MS) };
    const killedShortLease = await sut.stack.extraCustomer(shortLease);
    await killedShortLease.process.start();
    await killedShortLease.process.stop('SIGKILL');
    await sleep(LEASE_TTL_MS + 200);
    const afterExpiry = await sut.stack.extraCustomer(shortLease);
    await afterExpiry.process.start();
    await afterExpiry.process.stop();
  });
});

describe.each(e2eDatabaseKinds())('a lost WORKER_ID lease on %s', (kind) => {
  const sut = useLoginStack(kind, {
    customerEnv: { WORKER_ID: '9', WORKER_LEASE_TTL_MS: String(LEASE_TTL_MS) },
  });

  it('stops creating users once another instance has taken its WORKER_ID, while known users still log in', async () => {
    const known = await mintCode(sut.stack.sandboxUrl, { user: 'known-before-the-loss' });
    expect((await sut.login({ code: known.code })).status).toBe(200);

    // What a second instance does once this one's lease has run out, e.g. after a long network partition.
    await sut.db.execute(
      'UPDATE worker_id_lease SET owner = ?, expires_at = ? WHERE worker_id = ?',
      ['another-instance', String(Date.now() + 60_000), 9],
    );
    // By then a renewal has found the row taken, or the last renewal has run out anyway.
    await sleep(LEASE_TTL_MS + 200);

    const stranger = await mintCode(sut.stack.sandboxUrl, { user: 'new-after-the-loss' });
    const refused = await sut.login({ code: stranger.code });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      statusCode: 503,
      code: 'ID_GENERATOR_UNAVAILABLE',
      message: expect.any(String),
    });

    const again = await mintCode(sut.stack.sandboxUrl, { user: 'known-before-the-loss' });
    const returning = await sut.login({ code: again.code });
    expect(returning.status).toBe(200);
    expect((await sut.db.users()).map((user) => user.open_id)).toEqual([known.openid]);
  });
});
