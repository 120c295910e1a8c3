import { isDatabaseUnavailable } from '../database/database-errors';
import { AppException, CustomerErrorCode } from '../errors/app.exception';

/** The code a failure is answered with, as the audit trail records it. */
export function auditOutcomeOf(error: unknown): string {
  if (error instanceof AppException) return error.code;
  if (isDatabaseUnavailable(error)) return CustomerErrorCode.DATABASE_UNAVAILABLE;
  return CustomerErrorCode.INTERNAL_ERROR;
}
