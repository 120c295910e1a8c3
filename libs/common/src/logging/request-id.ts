import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { isRequestId } from '@app/contracts';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The id of an incoming request: its X-Request-Id when that follows the
 * contract's rule (so it can travel on in RPC payloads), else a new UUID.
 */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return isRequestId(incoming) ? incoming : randomUUID();
}

/**
 * Under Fastify, the request id nestjs-pino logs (`req.id`) is Fastify's
 * `request.id` (pino-http's genReqId is never asked). Make Fastify give it by
 * requestIdFor and answer it in the X-Request-Id header of every response.
 * Call before the app registers its routes.
 */
export function carryRequestIds(fastify: FastifyInstance): void {
  fastify.setGenReqId(requestIdFor);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
