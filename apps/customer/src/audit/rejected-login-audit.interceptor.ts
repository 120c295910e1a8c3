import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';

import { isRequestId } from '@app/contracts';

import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { AuditAction } from './audit-event';
import { AuditTrail } from './audit-trail.service';

/**
 * Audits the login attempts the validation pipe refuses: AuthService.login
 * audits every attempt that reaches it, these never do. (Attempts refused
 * before the route, by the rate limit or the body parser, are counted in the
 * metrics only.)
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
          const userAgent = request.headers['user-agent'];
          this.audit.record({
            action: AuditAction.Login,
            outcome: error.code,
            requestId: isRequestId(request.id) ? request.id : undefined,
            clientIp: request.ip,
            userAgent: typeof userAgent === 'string' ? userAgent : undefined,
          });
        },
      }),
    );
  }
}
