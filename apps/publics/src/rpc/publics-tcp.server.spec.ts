import { ClientTCP, ServerTCP } from '@nestjs/microservices';
import { firstValueFrom, of } from 'rxjs';

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
});
