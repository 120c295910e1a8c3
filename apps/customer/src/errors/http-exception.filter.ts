import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';

import { toErrorResponse } from './error-response';

/** Every error leaves customer as `{ statusCode, code, message }`; unexpected ones are logged with an id. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, errorId } = toErrorResponse(exception);
    if (errorId) {
      this.logger.error(
        {
          errorId,
          err:
            exception instanceof Error
              ? { name: exception.name, message: exception.message, stack: exception.stack }
              : String(exception),
        },
        'Unexpected error while handling a request',
      );
    }
    void reply.status(body.statusCode).send(body);
  }
}
