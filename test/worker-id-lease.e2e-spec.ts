import { setTimeout as sleep } from 'node:timers/promises';

import { useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds } from './support/test-database';

const LEASE_TTL_MS = 2000;

describe.each(e2eDatabaseKinds())('WORKER_ID leases on %s', (kind) => {
  const sut = useLoginStack(kind, {
    customerEnv: { WORKER_ID: '7', WORKER_LEASE_TTL_MS: String(LEASE_TTL_MS) },
  });

  it('refuses to start a second instance with a WORKER_ID a live instance holds, and frees it on shutdown or expiry', async () => {
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

    await successor.process.stop('SIGKILL');
    const tooEarly = await sut.stack.extraCustomer({ WORKER_ID: '7' });
    await expect(tooEarly.process.start()).rejects.toThrow(/held by another live instance/);

    await sleep(LEASE_TTL_MS + 200);
    const afterExpiry = await sut.stack.extraCustomer({ WORKER_ID: '7' });
    await afterExpiry.process.start();
    await afterExpiry.process.stop();
  });
});
