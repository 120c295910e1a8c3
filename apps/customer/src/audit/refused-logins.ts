import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { CustomerErrorCode } from '../errors/app.exception';
import { originOf } from '../http/request-origin.decorator';
import { AuditAction } from './audit-event';
import { AuditTrail } from './audit-trail.service';

/**
 * The codes a login is refused with before AuthService.login sees it, and
 * nothing else answers with: the body parser's (not JSON, over the limit, not
 * `application/json`; fastify's 400 for a body that does not match its
 * Content-Length counts as VALIDATION_FAILED), the rate limit's and the
 * validation pipe's. AuthService.login audits every attempt that reaches it,
 * with whatever code it fails with.
 */
const REFUSED_BEFORE_LOGIN: ReadonlySet<string> = new Set<string>([
  CustomerErrorCode.MALFORMED_JSON,
  CustomerErrorCode.PAYLOAD_TOO_LARGE,
  CustomerErrorCode.UNSUPPORTED_MEDIA_TYPE,
  CustomerErrorCode.TOO_MANY_REQUESTS,
  CustomerErrorCode.VALIDATION_FAILED,
]);

/**
 * Audits the login attempts refused before the login itself, so that every
 * attempt is in login_audit once. HttpExceptionFilter, which answers every
 * error of the login routes (those of the body parser too, which come before
 * Nest's pipeline), hands each one here; no interceptor is involved, so a
 * login that succeeds pays nothing for it.
 */
@Injectable()
export class RefusedLogins {
  constructor(private readonly audit: AuditTrail) {}

  /** A login attempt answered with `code`: recorded, with its origin, if the code is a refusal before the login. */
  record(request: FastifyRequest, code: string): void {
    if (!REFUSED_BEFORE_LOGIN.has(code)) return;
    this.audit.record({ action: AuditAction.Login, outcome: code, ...originOf(request) });
  }
}
