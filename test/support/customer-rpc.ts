import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';

/** A TCP client of customer's RPC server, as another company service would hold one. */
export class CustomerRpc {
  private readonly client: ClientProxy;

  constructor(port: number) {
    this.client = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: '127.0.0.1', port },
    });
  }

  call<T>(pattern: string, payload: unknown): Promise<T> {
    return firstValueFrom(this.client.send<T>(pattern, payload).pipe(timeout(10_000)));
  }

  /** The contract error a call fails with (fails the test if it succeeds). */
  async failure(pattern: string, payload: unknown): Promise<unknown> {
    const outcome = await this.call(pattern, payload).then(
      (result) => ({ failed: false as const, result }),
      (error: unknown) => ({ failed: true as const, error }),
    );
    if (!outcome.failed) {
      throw new Error(`expected ${pattern} to fail, it answered ${JSON.stringify(outcome.result)}`);
    }
    return outcome.error;
  }

  close(): Promise<void> {
    return Promise.resolve(this.client.close());
  }
}
