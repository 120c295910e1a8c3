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
  // customer checks appids against WECHAT_APPIDS first: publics not knowing one is a misconfiguration.
  UNKNOWN_APPID: HttpStatus.BAD_GATEWAY,
  INVALID_PHONE_CODE: HttpStatus.BAD_REQUEST,
  // The other gateway patterns' codes: customer's calls never meet them.
  INVALID_OPENID: HttpStatus.BAD_GATEWAY,
  SESSION_KEY_NOT_FOUND: HttpStatus.BAD_GATEWAY,
  DECRYPT_WRONG_KEY: HttpStatus.BAD_GATEWAY,
  DECRYPT_BAD_PADDING: HttpStatus.BAD_GATEWAY,
  DECRYPT_BAD_JSON: HttpStatus.BAD_GATEWAY,
  DECRYPT_FOREIGN_APPID: HttpStatus.BAD_GATEWAY,
  WECHAT_ACCESS_TOKEN_REJECTED: HttpStatus.BAD_GATEWAY,
  SUBSCRIPTION_REFUSED: HttpStatus.BAD_GATEWAY,
  INVALID_TEMPLATE: HttpStatus.BAD_GATEWAY,
  INVALID_TEMPLATE_DATA: HttpStatus.BAD_GATEWAY,
  INVALID_PAGE: HttpStatus.BAD_GATEWAY,
};

/** The codes a login or a phone binding can meet and whose message the caller may read; the others are publics' or customer's faults. */
const passedOn: ReadonlySet<PublicsErrorCode> = new Set<PublicsErrorCode>([
  PublicsErrorCode.INVALID_LOGIN_CODE,
  PublicsErrorCode.INVALID_PHONE_CODE,
  PublicsErrorCode.WECHAT_RATE_LIMITED,
  PublicsErrorCode.WECHAT_USER_BLOCKED,
  PublicsErrorCode.WECHAT_UNAVAILABLE,
  PublicsErrorCode.WECHAT_MISCONFIGURED,
  PublicsErrorCode.WECHAT_ERROR,
]);

export function publicsErrorToHttp(error: PublicsError): AppException {
  const status = statusByPublicsCode[error.code];
  // publics' own faults are ours, not the caller's: don't pass their details on.
  if (!passedOn.has(error.code)) {
    return new AppException(status, CustomerErrorCode.UPSTREAM_ERROR, 'The login service failed');
  }
  return new AppException(status, error.code, error.message, error.errmsg);
}
