import { errorLogField } from '@app/common';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

import { errorOutcome, finishLogin } from '../metrics/login-metrics';
import { seedFailure } from './seed-envelope';

/** Every failure of the seed's routes as HTTP 200 with the seed's envelope; unexpected ones logged with an id. */
@Catch()
export class SeedEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger(SeedEnvelopeFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    // A failed seed login is counted under the code the native route answers it with.
    finishLogin(http.getRequest<FastifyRequest>(), errorOutcome(exception));
    const { envelope, native } = seedFailure(exception);
    if (native.errorId) {
      this.logger.error(
        {
          errorId: native.errorId,
          requestId: http.getRequest<FastifyRequest>().id,
          err: errorLogField(exception),
        },
        'Unexpected error while handling a request',
      );
    }
    void http.getResponse<FastifyReply>().status(200).send(envelope);
  }
}
