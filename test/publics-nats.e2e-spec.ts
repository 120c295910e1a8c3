import { connect, JSONCodec, NatsConnection } from 'nats';

import { PUBLICS_NATS_QUEUE } from '@app/contracts';

import { expectError, mintCode, request } from './support/http';
import { E2E_NATS_URL, natsTestEnv } from './support/nats';
import { TestStack } from './support/stack';
import { TcpProxy } from './support/tcp-proxy';
import { createTestDatabase, TestDatabase } from './support/test-database';

const RPC_TIMEOUT_MS = 1500;

/** Polls until the check passes or the time is up; returns whether it passed. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('customer and publics over NATS', () => {
  const env = natsTestEnv();
  const natsAddress = new URL(E2E_NATS_URL);
  let db: TestDatabase;
  let stack: TestStack;
  let customerNats: TcpProxy;
  let bystander: NatsConnection;

  beforeAll(async () => {
    customerNats = await TcpProxy.start({
      host: natsAddress.hostname,
      port: Number(natsAddress.port),
    });
    bystander = await connect({ servers: E2E_NATS_URL });
    db = await createTestDatabase('sqlite');
    stack = await TestStack.start({
      database: db,
      env,
      customerEnv: {
        NATS_URL: `nats://127.0.0.1:${customerNats.port}`,
        RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
    await bystander?.close();
    await customerNats?.cut();
  });

  beforeEach(async () => {
    if (!stack.publics.running) await stack.publics.start();
    await db.execute('DELETE FROM common_user');
  });

  const login = (code: string) => request(`${stack.customerUrl}/login`, { body: { code } });

  it('logs in over NATS, with both readiness checks up', async () => {
    const { code, openid } = await mintCode(stack.sandboxUrl, { user: 'over-nats' });

    const response = await login(code);

    expect(response.status).toBe(200);
    expect((await db.users()).map((user) => user.open_id)).toEqual([openid]);
    expect((await request(`${stack.publicsHealthUrl}/health/ready`)).body).toMatchObject({
      status: 'ok',
      info: { rpc: { status: 'up' } },
    });
    expect((await request(`${stack.customerUrl}/health/ready`)).status).toBe(200);
  });

  it('never hands its requests to a publics of another deployment on the same NATS', async () => {
    const foreign = bystander.subscribe('wlp.wechat.code2session', { queue: PUBLICS_NATS_QUEUE });
    const own = bystander.subscribe(`${env.NATS_SUBJECT_PREFIX}.wechat.code2session`);
    let foreignSeen = 0;
    void (async () => {
      for await (const message of foreign) {
        foreignSeen += 1;
        message.respond(JSONCodec().encode({ response: { openid: 'o-foreign' } }));
      }
    })();
    try {
      for (let i = 0; i < 5; i++) {
        const { code } = await mintCode(stack.sandboxUrl, { user: `own-${i}` });
        expect((await login(code)).status).toBe(200);
      }
      await bystander.flush();

      expect(foreignSeen).toBe(0);
      expect(own.getReceived()).toBe(5);
      expect((await db.users()).map((user) => user.open_id)).not.toContain('o-foreign');
    } finally {
      foreign.unsubscribe();
      own.unsubscribe();
    }
  });

  it('answers 503 PUBLICS_UNAVAILABLE at once when no publics is subscribed, and stores nothing', async () => {
    await stack.publics.stop();
    const { code } = await mintCode(stack.sandboxUrl, { user: 'no-responders' });

    const started = Date.now();
    const response = await login(code);

    expectError(response, 503, 'PUBLICS_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(500);
    expect(await db.users()).toEqual([]);
    expect((await request(`${stack.customerUrl}/health/ready`)).status).toBe(503);
  });

  it('answers 504 PUBLICS_TIMEOUT once RPC_TIMEOUT_MS has passed without an answer', async () => {
    const { code } = await mintCode(stack.sandboxUrl, { user: 'slow', delayMs: 3000 });

    const started = Date.now();
    const response = await login(code);
    const elapsed = Date.now() - started;

    expectError(response, 504, 'PUBLICS_TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(RPC_TIMEOUT_MS);
    expect(elapsed).toBeLessThan(3000);
  });

  it('answers 503 while its NATS connection is down and logs in again once it is back, without a restart', async () => {
    await customerNats.cut();
    const { code, openid } = await mintCode(stack.sandboxUrl, { user: 'nats-outage' });

    expectError(await login(code), 503, 'PUBLICS_UNAVAILABLE');

    await customerNats.restore();
    const back = await eventually(async () => (await login(code)).status === 200, 10_000);
    expect(back).toBe(true);
    expect((await db.users()).map((user) => user.open_id)).toEqual([openid]);
  });
});
