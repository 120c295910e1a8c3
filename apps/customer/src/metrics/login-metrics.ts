import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { MetricsService, Outcome } from './metrics.service';

/** Ends the timing of one login with how it ended; later calls do nothing. */
export type FinishLogin = (outcome: Outcome) => void;

const loginsUnderWay = new WeakMap<FastifyRequest, FinishLogin>();

/** Ends the timing of the request's login, if one is under way, with its outcome. */
export function finishLogin(request: FastifyRequest, outcome: Outcome): void {
  const finish = loginsUnderWay.get(request);
  if (!finish) return;
  loginsUnderWay.delete(request);
  finish(outcome);
}

/**
 * Counts and times the logins that reach the login route's pipeline: validation, the
 * exchange with publics, the user and the token. Requests refused before it (rate limit,
 * body not JSON, too large, wrong content type) are not counted. Three parts, where an
 * interceptor would do it in one at the price of Nest's rxjs chain on every login
 * (≈ 30 KB allocated per login, see docs/benchmarks.md): this guard, placed after the rate
 * limit, starts the timer; the handler ends it with `success` (FinishLoginTiming); and
 * HttpExceptionFilter ends it (on a route marked as a login attempt, see RouteErrors) with
 * the error code of a failure of validation or the handler.
 */
@Injectable()
export class LoginMetricsGuard implements CanActivate {
  constructor(private readonly metrics: MetricsService) {}

  canActivate(context: ExecutionContext): true {
    loginsUnderWay.set(
      context.switchToHttp().getRequest<FastifyRequest>(),
      this.metrics.startLogin(),
    );
    return true;
  }
}

/** Handler parameter: ends the login's timing (see LoginMetricsGuard). */
export const FinishLoginTiming = createParamDecorator(
  (_data: unknown, context: ExecutionContext): FinishLogin => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return (outcome) => finishLogin(request, outcome);
  },
);
