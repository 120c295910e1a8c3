import { errorLogField } from '@app/common';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

import { toErrorResponse } from './error-response';

/** Every error leaves customer as `{ statusCode, code, message }`; unexpected ones are logged with an id. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const { body, errorId } = toErrorResponse(exception);
    if (errorId) {
      this.logger.error(
        {
          errorId,
          requestId: http.getRequest<FastifyRequest>().id,
          err: errorLogField(exception),
        },
        'Unexpected error while handling a request',
      );
    }
    void reply.status(body.statusCode).send(body);
  }
}
