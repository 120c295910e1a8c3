import { ReadPacket, WritePacket } from '@nestjs/microservices';

/** publics did not answer within the call's timeout. */
export class RpcTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = RpcTimeoutError.name;
  }
}

/** publics closed the exchange without an answer. */
export class RpcEmptyAnswerError extends Error {
  constructor() {
    super('the exchange ended without an answer');
    this.name = RpcEmptyAnswerError.name;
  }
}

/** A request/answer call on Nest's transport as one promise. */
export interface PromiseRequests {
  request<Result>(pattern: string, data: unknown, timeoutMs: number): Promise<Result>;
}

/** What request() needs of one of Nest's clients (its protected side, handed over by a subclass). */
export interface RequestTransport {
  connect(): Promise<unknown>;
  publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void;
  serializeError(error: unknown): unknown;
  serializeResponse(response: unknown): unknown;
}

/**
 * One request/answer call on Nest's transport as one promise: the same packets,
 * wire format, serializer and routing as `send(...)`, without the rxjs pipeline
 * that `firstValueFrom(send(...).pipe(timeout()))` builds on every call (defer,
 * mergeMap, timeout and their subscribers: a good part of a login's
 * allocations in customer). The first answer settles the call, an error packet
 * rejects it, and the timeout gives up the call's routing entry.
 */
export async function requestOnce<Result>(
  transport: RequestTransport,
  pattern: string,
  data: unknown,
  timeoutMs: number,
): Promise<Result> {
  await transport.connect();
  return new Promise<Result>((resolve, reject) => {
    let settled = false;
    // publish() may answer synchronously (a packet it could not write): the real teardown comes after.
    let teardown: () => void = () => undefined;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      teardown();
      return true;
    };
    const timer = setTimeout(() => {
      if (settle()) reject(new RpcTimeoutError(timeoutMs));
    }, timeoutMs);
    const unsubscribe = transport.publish({ pattern, data }, ({ err, response, isDisposed }) => {
      if (err !== undefined && err !== null) {
        if (settle()) reject(transport.serializeError(err));
      } else if (response !== undefined) {
        if (settle()) resolve(transport.serializeResponse(response) as Result);
      } else if (isDisposed) {
        if (settle()) reject(new RpcEmptyAnswerError());
      }
    });
    if (settled) unsubscribe();
    else teardown = unsubscribe;
  });
}
