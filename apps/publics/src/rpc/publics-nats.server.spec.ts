import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { natsConnectionOptions } from '@app/common';
import { Logger } from '@nestjs/common';
import { connect, JSONCodec, NatsConnection } from 'nats';

import { PublicsNatsServer } from './publics-nats.server';

const NATS_URL = process.env.E2E_NATS_URL ?? 'nats://127.0.0.1:4222';
const codec = JSONCodec<{ id?: string; response?: unknown; err?: unknown }>();

describe(PublicsNatsServer.name, () => {
  const prefix = `spec_${randomBytes(4).toString('hex')}`;
  let caller: NatsConnection;
  const servers: PublicsNatsServer[] = [];

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    caller = await connect({ servers: NATS_URL });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  afterAll(async () => {
    await caller.close();
    jest.restoreAllMocks();
  });

  async function started(name: string, handle: (data: unknown) => Promise<unknown>) {
    const server = new PublicsNatsServer({
      subjectPrefix: prefix,
      nats: natsConnectionOptions(NATS_URL, name),
      drainTimeoutMs: 5000,
    });
    server.addHandler('echo', (data: unknown) => handle(data), false);
    await new Promise<void>((resolve, reject) =>
      server.listen((error?: unknown) => (error ? reject(error as Error) : resolve())),
    );
    servers.push(server);
    return server;
  }

  const call = async (id: string, data: unknown, timeout = 3000) => {
    const answer = await caller.request(
      `${prefix}.echo`,
      codec.encode({ id, pattern: 'echo', data } as never),
      { timeout },
    );
    return codec.decode(answer.data);
  };

  it('hands each request to exactly one instance of the queue group, under its subject prefix', async () => {
    const seen = { a: 0, b: 0 };
    await started('a', async (data) => {
      seen.a += 1;
      return data;
    });
    await started('b', async (data) => {
      seen.b += 1;
      return data;
    });

    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => call(`id-${i}`, { n: i })),
    );

    expect(answers.map((answer) => answer.response)).toEqual(
      Array.from({ length: 40 }, (_, i) => ({ n: i })),
    );
    expect(seen.a + seen.b).toBe(40);
    expect(seen.a).toBeGreaterThan(0);
    expect(seen.b).toBeGreaterThan(0);
  });

  it('answers the request it has taken before it closes, and takes no new one meanwhile', async () => {
    const server = await started('slow', async (data) => {
      await sleep(500);
      return data;
    });

    const inFlight = call('slow-1', 'first');
    await sleep(100);
    const closing = server.close();
    await sleep(50);
    const late = call('late-1', 'second', 500).catch((error: Error) => error.message);

    expect((await inFlight).response).toBe('first');
    await closing;
    expect(await late).toMatch(/503|no responders/i);
    expect(server.isReceiving).toBe(false);
  });
});
