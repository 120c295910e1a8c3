import { RouteConfig } from '@nestjs/platform-fastify';
import { FastifyRequest } from 'fastify';

import { ErrorAnswer, nativeErrorAnswer } from './error-response';

/**
 * How HttpExceptionFilter handles the errors of one route. It lives in
 * fastify's route config, not in Nest's metadata, so that it is known for
 * every request of the route, also one the body parser refuses (400
 * MALFORMED_JSON, 413, 415) before Nest's pipeline and its guards, pipes and
 * route filters run.
 */
export interface RouteErrorHandling {
  /** How an error is answered: customer's own shape unless the route says otherwise. */
  answer: (exception: unknown) => ErrorAnswer;
  /**
   * Each request is a login attempt: a failure ends the login's timing (login
   * metrics) and, when the login was refused before AuthService saw it, is
   * audited (RefusedLogins).
   */
  loginAttempt: boolean;
}

const CONFIG_KEY = 'customerErrors';

const DEFAULT_HANDLING: RouteErrorHandling = { answer: nativeErrorAnswer, loginAttempt: false };

/** Route decorator (on a handler): how the route's errors are handled, beyond the defaults. */
export function RouteErrors(handling: Partial<RouteErrorHandling>): MethodDecorator {
  return RouteConfig({ [CONFIG_KEY]: { ...DEFAULT_HANDLING, ...handling } });
}

/** The handling of the request's route (the defaults for a route without RouteErrors, and for a 404). */
export function routeErrorsOf(request: FastifyRequest): RouteErrorHandling {
  const config = request.routeOptions.config as { [CONFIG_KEY]?: RouteErrorHandling };
  return config[CONFIG_KEY] ?? DEFAULT_HANDLING;
}
