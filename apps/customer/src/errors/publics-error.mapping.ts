import { PublicsError, PublicsErrorCode } from '@app/contracts';
import { HttpStatus } from '@nestjs/common';

import { AppException, CustomerErrorCode } from './app.exception';

/** The one place where publics' contract codes become HTTP statuses. */
const statusByPublicsCode: Record<PublicsErrorCode, HttpStatus> = {
  INVALID_LOGIN_CODE: HttpStatus.UNAUTHORIZED,
  WECHAT_RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  WECHAT_USER_BLOCKED: HttpStatus.FORBIDDEN,
  WECHAT_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  WECHAT_MISCONFIGURED: HttpStatus.BAD_GATEWAY,
  WECHAT_ERROR: HttpStatus.BAD_GATEWAY,
  INVALID_PAYLOAD: HttpStatus.BAD_GATEWAY,
  INTERNAL_ERROR: HttpStatus.BAD_GATEWAY,
};

export function publicsErrorToHttp(error: PublicsError): AppException {
  const status = statusByPublicsCode[error.code];
  // publics' own faults are ours, not the caller's: don't pass their details on.
  if (
    error.code === PublicsErrorCode.INVALID_PAYLOAD ||
    error.code === PublicsErrorCode.INTERNAL_ERROR
  ) {
    return new AppException(status, CustomerErrorCode.UPSTREAM_ERROR, 'The login service failed');
  }
  return new AppException(status, error.code, error.message, error.errmsg);
}
