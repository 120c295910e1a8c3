import { errorLogField } from '@app/common';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

import { RefusedLogins } from '../audit/refused-logins';
import { finishLogin } from '../metrics/login-metrics';
import { routeErrorsOf } from './route-errors';

/**
 * customer's one filter of HTTP errors (global, set in main.ts): every error,
 * of a route's pipeline or of the body parser before it, is answered as its
 * route says (RouteErrors: `{ statusCode, code, message }` by default, the
 * seed's envelope on the seed's routes); unexpected ones are logged with an
 * id. On a login route it also ends the login's timing and audits a login
 * refused before AuthService saw it (RefusedLogins).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  constructor(private readonly refusedLogins: RefusedLogins) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const route = routeErrorsOf(request);
    const answer = route.answer(exception);
    if (route.loginAttempt) {
      finishLogin(request, answer.code);
      this.refusedLogins.record(request, answer.code);
    }
    if (answer.errorId) {
      this.logger.error(
        { errorId: answer.errorId, requestId: request.id, err: errorLogField(exception) },
        'Unexpected error while handling a request',
      );
    }
    void http.getResponse<FastifyReply>().status(answer.status).send(answer.body);
  }
}
