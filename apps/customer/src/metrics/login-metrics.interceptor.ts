import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';

import { AppException } from '../errors/app.exception';
import { toErrorResponse } from '../errors/error-response';
import { MetricsService, Outcome } from './metrics.service';

/** The code customer answers this error with (see HttpExceptionFilter). */
export function errorOutcome(error: unknown): Outcome {
  return error instanceof AppException ? error.code : toErrorResponse(error).body.code;
}

/**
 * Counts and times the logins that reach the login route's pipeline: validation,
 * the exchange with publics, the user and the token. Requests refused before it
 * (rate limit, body not JSON, too large, wrong content type) are not counted.
 */
@Injectable()
export class LoginMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const finish = this.metrics.startLogin();
    return next.handle().pipe(
      tap({
        next: () => finish('success'),
        error: (error: unknown) => finish(errorOutcome(error)),
      }),
    );
  }
}
