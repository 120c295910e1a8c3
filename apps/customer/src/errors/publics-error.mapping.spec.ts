import { PublicsErrorCode } from '@app/contracts';
import { HttpStatus } from '@nestjs/common';

import { AppException, CustomerErrorCode } from './app.exception';
import { publicsErrorToHttp } from './publics-error.mapping';

/** What customer answers for each code of the publics contract. */
const expected: Record<PublicsErrorCode, { status: HttpStatus; code: string }> = {
  INVALID_LOGIN_CODE: { status: HttpStatus.UNAUTHORIZED, code: 'INVALID_LOGIN_CODE' },
  WECHAT_RATE_LIMITED: { status: HttpStatus.TOO_MANY_REQUESTS, code: 'WECHAT_RATE_LIMITED' },
  WECHAT_USER_BLOCKED: { status: HttpStatus.FORBIDDEN, code: 'WECHAT_USER_BLOCKED' },
  WECHAT_UNAVAILABLE: { status: HttpStatus.SERVICE_UNAVAILABLE, code: 'WECHAT_UNAVAILABLE' },
  WECHAT_MISCONFIGURED: { status: HttpStatus.BAD_GATEWAY, code: 'WECHAT_MISCONFIGURED' },
  WECHAT_ERROR: { status: HttpStatus.BAD_GATEWAY, code: 'WECHAT_ERROR' },
  INVALID_PAYLOAD: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  INTERNAL_ERROR: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  UNKNOWN_APPID: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  INVALID_PHONE_CODE: { status: HttpStatus.BAD_REQUEST, code: 'INVALID_PHONE_CODE' },
  INVALID_OPENID: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  SESSION_KEY_NOT_FOUND: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  DECRYPT_WRONG_KEY: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  DECRYPT_BAD_PADDING: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  DECRYPT_BAD_JSON: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  DECRYPT_FOREIGN_APPID: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  WECHAT_ACCESS_TOKEN_REJECTED: {
    status: HttpStatus.BAD_GATEWAY,
    code: CustomerErrorCode.UPSTREAM_ERROR,
  },
  SUBSCRIPTION_REFUSED: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  INVALID_TEMPLATE: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  INVALID_TEMPLATE_DATA: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
  INVALID_PAGE: { status: HttpStatus.BAD_GATEWAY, code: CustomerErrorCode.UPSTREAM_ERROR },
};

const internalToPublics: PublicsErrorCode[] = Object.values(PublicsErrorCode).filter(
  (code) => expected[code].code === CustomerErrorCode.UPSTREAM_ERROR,
);

describe(publicsErrorToHttp.name, () => {
  it('has an expectation for every code of the contract', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.values(PublicsErrorCode).sort());
  });

  it.each(Object.values(PublicsErrorCode))(
    'answers publics error %s with its status and code',
    (code) => {
      const sut = publicsErrorToHttp({ code, message: `publics says ${code}` });

      expect(sut).toBeInstanceOf(AppException);
      expect({ status: sut.status, code: sut.code }).toEqual(expected[code]);
    },
  );

  it.each(Object.values(PublicsErrorCode).filter((code) => !internalToPublics.includes(code)))(
    "passes publics' message on for %s",
    (code) => {
      expect(publicsErrorToHttp({ code, message: 'WeChat errcode 40029' }).message).toBe(
        'WeChat errcode 40029',
      );
    },
  );

  it.each(internalToPublics)("keeps publics' own details of %s from the caller", (code) => {
    const sut = publicsErrorToHttp({
      code,
      message: 'TypeError at wechat.service.ts:42',
      errorId: 'e-1',
    });

    expect(sut.message).toBe('The login service failed');
  });
});
