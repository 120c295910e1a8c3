import { isRequestId } from '@app/contracts';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

/**
 * The id nestjs-pino gave the request (X-Request-Id when it was valid, else a
 * generated one; also sent back in the X-Request-Id response header). pino-http
 * keeps it on the raw Node request: fastify's own `request.id` is another,
 * per-process counter.
 */
export function requestIdOf(request: FastifyRequest): string | undefined {
  const id: unknown = request.raw.id;
  return isRequestId(id) ? id : undefined;
}

/** Handler parameter: the current request's id (see requestIdOf), undefined outside nestjs-pino. */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    requestIdOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
