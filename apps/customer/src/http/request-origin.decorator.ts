import { isRequestId } from '@app/contracts';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { RequestOrigin } from '../audit/audit-event';

/** The request's id, client IP (TRUST_PROXY applies) and user agent, for the audit trail. */
export function originOf(request: FastifyRequest): RequestOrigin {
  const userAgent = request.headers['user-agent'];
  return {
    requestId: isRequestId(request.id) ? request.id : undefined,
    clientIp: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : undefined,
  };
}

/** Handler parameter: the request's origin (originOf). */
export const Origin = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestOrigin =>
    originOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
