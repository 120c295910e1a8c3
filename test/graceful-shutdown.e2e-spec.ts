import { setTimeout as sleep } from 'node:timers/promises';

import { mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { natsTestEnv } from './support/nats';
import { e2eDatabaseKinds } from './support/test-database';

type Outcome = { kind: 'ok'; id: string; openid: string } | { kind: 'refused'; detail: string };

describe.each(e2eDatabaseKinds())('graceful shutdown on %s', (kind) => {
  const sut = useLoginStack(kind);

  async function attempt(url: string, code: string, openid: string): Promise<Outcome> {
    try {
      const response = await request(`${url}/login`, { body: { code } });
      if (response.status === 200)
        return { kind: 'ok', id: (response.body.user as { id: string }).id, openid };
      if (response.status === 503)
        return { kind: 'refused', detail: `503 ${String(response.body.code)}` };
      throw new Error(`unexpected answer ${response.status} ${JSON.stringify(response.body)}`);
    } catch (error) {
      // fetch fails with a TypeError from another realm than the test's: compare names.
      if ((error as Error).name === 'TypeError') {
        return { kind: 'refused', detail: String((error as Error).cause) };
      }
      throw error;
    }
  }

  it('customer finishes the logins under way on SIGTERM and refuses the rest before they start', async () => {
    const before = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        mintCode(sut.stack.sandboxUrl, { user: `before-${i}`, delayMs: 2000 }),
      ),
    );
    const after = await Promise.all(
      Array.from({ length: 10 }, (_, i) => mintCode(sut.stack.sandboxUrl, { user: `after-${i}` })),
    );

    const inFlight = before.map(({ code, openid }) => attempt(sut.stack.customerUrl, code, openid));
    // Long enough for all 30 to reach customer on a loaded machine, well within WeChat's 2 s.
    await sleep(1000);
    const exitCode = sut.stack.customer.stop('SIGTERM');
    await sleep(50);
    const late = after.map(({ code, openid }) => attempt(sut.stack.customerUrl, code, openid));
    const outcomes = await Promise.all([...inFlight, ...late]);

    expect(await exitCode).toBe(0);
    expect(outcomes.slice(0, 30).map((outcome) => outcome.kind)).toEqual(Array(30).fill('ok'));
    expect(outcomes.slice(30).map((outcome) => outcome.kind)).toEqual(Array(10).fill('refused'));
    const completed = outcomes.filter(
      (outcome): outcome is Extract<Outcome, { kind: 'ok' }> => outcome.kind === 'ok',
    );
    const rows = await sut.db.users();
    expect(rows.map((row) => [row.id, row.open_id]).sort()).toEqual(
      completed.map((outcome) => [outcome.id, outcome.openid]).sort(),
    );
  });
});

describe.each([
  ['TCP', {}],
  ['NATS', natsTestEnv()],
])('graceful shutdown of publics over %s', (_transport, env) => {
  const sut = useLoginStack('sqlite', { env });

  it('answers the WeChat call under way on SIGTERM before it stops', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'in-flight', delayMs: 800 });

    const login = sut.login({ code });
    await sleep(300);
    const exitCode = sut.stack.publics.stop('SIGTERM');

    const response = await login;
    expect(await exitCode).toBe(0);
    expect(response.status).toBe(200);
    expect(await sut.db.users()).toHaveLength(1);
  });
});
