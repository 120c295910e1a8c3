import { connect } from 'node:net';

import { ClientTCP, ServerTCP } from '@nestjs/microservices';
import { firstValueFrom, of, throwError } from 'rxjs';

import { PublicsTcpServer } from './publics-tcp.server';

describe(PublicsTcpServer.name, () => {
  let sut: PublicsTcpServer;
  let client: ClientTCP;
  const routeLookups = jest.spyOn(
    ServerTCP.prototype as unknown as { getRouteFromPattern(pattern: string): string },
    'getRouteFromPattern',
  );

  beforeAll(async () => {
    sut = new PublicsTcpServer({ host: '127.0.0.1', port: 0 });
    sut.addHandler('echo', (data: unknown) => Promise.resolve(of(data)));
    await new Promise<void>((resolve, reject) =>
      sut.listen((error?: unknown) => (error ? reject(error as Error) : resolve())),
    );
    const { port } = sut.unwrap<{ address(): { port: number } }>().address();
    client = new ClientTCP({ host: '127.0.0.1', port });
  });
  afterAll(async () => {
    await client.close();
    await sut.close();
  });
  beforeEach(() => routeLookups.mockClear());

  it('answers every message of a handled pattern, working its route out once', async () => {
    for (const n of [1, 2, 3]) {
      await expect(firstValueFrom(client.send('echo', { n }))).resolves.toEqual({ n });
    }

    expect(routeLookups).toHaveBeenCalledTimes(1);
  });

  it('keeps no route of a pattern without a handler', async () => {
    for (let i = 0; i < 2; i += 1) {
      await expect(firstValueFrom(client.send('made.up', {}))).rejects.toEqual(
        expect.stringMatching(/no matching message handler/i),
      );
    }

    expect(routeLookups).toHaveBeenCalledTimes(2);
  });

  it("answers a handler that gives a value with the very bytes Nest's own server sends", async () => {
    const nest = new ServerTCP({ host: '127.0.0.1', port: 0 });
    for (const server of [sut, nest]) {
      server.addHandler('value', (data: { n: number }) => Promise.resolve({ twice: data.n * 2 }));
      server.addHandler('nothing', () => Promise.resolve(undefined));
      server.addHandler('failure', () =>
        Promise.resolve(throwError(() => ({ code: 'WECHAT_CODE_INVALID' }))),
      );
      server.addHandler('stream', () => Promise.resolve(of(1, 2)));
    }
    await new Promise<void>((resolve, reject) =>
      nest.listen((error?: unknown) => (error ? reject(error as Error) : resolve())),
    );
    try {
      for (const pattern of ['value', 'nothing', 'failure', 'stream']) {
        const message = { pattern, data: { n: 21 }, id: `id-${pattern}` };
        expect(await rawExchange(sut, message)).toBe(await rawExchange(nest, message));
      }
      expect(await rawExchange(sut, { pattern: 'value', data: { n: 21 }, id: 'x' })).toBe(
        '52#{"response":{"twice":42},"isDisposed":true,"id":"x"}',
      );
    } finally {
      await nest.close();
    }
  });
});

/** Sends one framed message to the server and returns every byte it answers within 200 ms. */
async function rawExchange(server: ServerTCP, message: object): Promise<string> {
  const { port } = server.unwrap<{ address(): { port: number } }>().address();
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const json = JSON.stringify(message);
  socket.write(`${Buffer.byteLength(json)}#${json}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  socket.destroy();
  return Buffer.concat(chunks).toString('utf8');
}
