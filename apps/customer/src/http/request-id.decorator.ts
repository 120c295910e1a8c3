import { isRequestId } from '@app/contracts';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

/**
 * Handler parameter: the current request's id, the one its log lines carry and
 * its X-Request-Id response header answers (see carryRequestIds in
 * @app/common); undefined if it is not a valid request id.
 */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const { id } = context.switchToHttp().getRequest<FastifyRequest>();
    return isRequestId(id) ? id : undefined;
  },
);
