import { ReadPacket, WritePacket } from '@nestjs/microservices';

import {
  requestOnce,
  RequestTransport,
  RpcEmptyAnswerError,
  RpcTimeoutError,
} from './promise-requests';

/** A transport whose answers the test sends by hand. */
class HandTransport implements RequestTransport {
  readonly sent: ReadPacket[] = [];
  readonly tornDown: number[] = [];
  private callbacks: ((packet: WritePacket) => void)[] = [];

  connect(): Promise<unknown> {
    return Promise.resolve();
  }

  publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const index = this.sent.push(packet) - 1;
    this.callbacks.push(callback);
    return () => this.tornDown.push(index);
  }

  serializeError(error: unknown): unknown {
    return error;
  }

  serializeResponse(response: unknown): unknown {
    return response;
  }

  answer(packet: WritePacket, index = 0): void {
    this.callbacks[index](packet);
  }
}

async function published(transport: HandTransport): Promise<void> {
  while (transport.sent.length === 0) await Promise.resolve();
}

describe(requestOnce.name, () => {
  afterEach(() => jest.useRealTimers());

  it('resolves with the first answer and gives up its routing entry', async () => {
    const transport = new HandTransport();
    const call = requestOnce(transport, 'wechat.code2session', { code: 'c1' }, 1000);
    await published(transport);

    transport.answer({ response: { openid: 'o1' }, isDisposed: true });

    await expect(call).resolves.toEqual({ openid: 'o1' });
    expect(transport.sent).toEqual([{ pattern: 'wechat.code2session', data: { code: 'c1' } }]);
    expect(transport.tornDown).toEqual([0]);
  });

  it('rejects with the error packet publics answers', async () => {
    const transport = new HandTransport();
    const call = requestOnce(transport, 'p', {}, 1000);
    await published(transport);

    transport.answer({ err: { code: 'WECHAT_CODE_INVALID' }, isDisposed: true });

    await expect(call).rejects.toEqual({ code: 'WECHAT_CODE_INVALID' });
  });

  it('rejects an exchange closed without an answer', async () => {
    const transport = new HandTransport();
    const call = requestOnce(transport, 'p', {}, 1000);
    await published(transport);

    transport.answer({ isDisposed: true });

    await expect(call).rejects.toBeInstanceOf(RpcEmptyAnswerError);
  });

  it('times out, gives up its routing entry and ignores a late answer', async () => {
    jest.useFakeTimers();
    const transport = new HandTransport();
    const call = requestOnce(transport, 'p', {}, 500);
    await published(transport);

    jest.advanceTimersByTime(500);
    transport.answer({ response: 'late', isDisposed: true });

    await expect(call).rejects.toEqual(new RpcTimeoutError(500));
    expect(transport.tornDown).toEqual([0]);
  });

  it('settles once when publish fails before it returns', async () => {
    const transport = new HandTransport();
    transport.publish = (_packet, callback) => {
      callback({ err: new Error('not connected') });
      return () => transport.tornDown.push(7);
    };

    await expect(requestOnce(transport, 'p', {}, 1000)).rejects.toThrow('not connected');
    expect(transport.tornDown).toEqual([7]);
  });
});
