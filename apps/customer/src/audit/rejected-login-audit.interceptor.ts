import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';

import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { originOf } from '../http/request-origin.decorator';
import { AuditAction } from './audit-event';
import { AuditTrail } from './audit-trail.service';

/**
 * Audits the login attempts the validation pipe refuses: AuthService.login
 * audits every attempt that reaches it, these never do. (The rate limit audits
 * the attempts it refuses; a body the parser refuses is counted in the metrics only.)
 */
@Injectable()
export class RejectedLoginAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditTrail) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap({
        error: (error: unknown) => {
          if (
            !(error instanceof AppException) ||
            error.code !== CustomerErrorCode.VALIDATION_FAILED
          )
            return;
          const request = context.switchToHttp().getRequest<FastifyRequest>();
          this.audit.record({
            action: AuditAction.Login,
            outcome: error.code,
            ...originOf(request),
          });
        },
      }),
    );
  }
}
