import { PublicsErrorCode } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';

import { CustomerErrorCode } from '../errors/app.exception';
import { ErrorAnswer, ErrorResponse, toErrorResponse } from '../errors/error-response';
import { AccountFrozenException } from '../users/account-state';

/**
 * The seed project's answer: always HTTP 200, the outcome in `code` (a number;
 * the page tests `res.data.code === 200`), the payload in `data`.
 */
export interface SeedEnvelope<T> {
  code: number;
  msg: string;
  data: T | null;
}

export const SEED_OK = 200;
/** The user is frozen: `msg` is the lock reason, shown in a dialog. */
export const SEED_FROZEN = 605;
/** The openid could not be had (publics or WeChat unreachable, too slow or failing). */
export const SEED_REQUEST_FAILED = 601;
export const SEED_REQUEST_FAILED_MESSAGE = '请求失败';
/** WeChat answered an errcode: `msg` is WeChat's errmsg. */
export const SEED_WECHAT_ERROR = 500;
export const SEED_BAD_REQUEST = 400;

export class SeedEnvelopeDto {
  @ApiProperty({
    description: '200 on success; 400, 401, 403, 409, 413, 415, 429, 500, 503, 601, 605 otherwise.',
    example: 200,
  })
  code!: number;

  @ApiProperty({ example: 'OK' })
  msg!: string;
}

export function seedOk<T>(data: T): SeedEnvelope<T> {
  return { code: SEED_OK, msg: 'OK', data };
}

const UNREACHABLE: readonly string[] = [
  CustomerErrorCode.PUBLICS_UNAVAILABLE,
  CustomerErrorCode.PUBLICS_TIMEOUT,
  CustomerErrorCode.UPSTREAM_ERROR,
  PublicsErrorCode.WECHAT_UNAVAILABLE,
];
const BAD_INPUT: readonly string[] = [
  CustomerErrorCode.VALIDATION_FAILED,
  CustomerErrorCode.MALFORMED_JSON,
  CustomerErrorCode.UNKNOWN_APPID,
];

/**
 * The one error mapping of the seed's routes, from the native answer: the
 * seed's numbers where it had them, the HTTP status (with the native message)
 * for every other failure, so the numbers keep their meaning.
 */
export function seedFailure(exception: unknown): {
  envelope: SeedEnvelope<null>;
  native: ErrorResponse;
} {
  const native = toErrorResponse(exception);
  const { code, message, statusCode } = native.body;
  const fail = (number: number, msg: string) => ({
    envelope: { code: number, msg, data: null },
    native,
  });
  if (exception instanceof AccountFrozenException) return fail(SEED_FROZEN, exception.reason);
  const wechatMessage = (exception as { wechatMessage?: unknown }).wechatMessage;
  if (typeof wechatMessage === 'string' && wechatMessage !== '') {
    return fail(SEED_WECHAT_ERROR, wechatMessage);
  }
  if (UNREACHABLE.includes(code)) return fail(SEED_REQUEST_FAILED, SEED_REQUEST_FAILED_MESSAGE);
  if (BAD_INPUT.includes(code)) return fail(SEED_BAD_REQUEST, message);
  return fail(statusCode, message);
}

/**
 * How the seed's routes answer every failure (see RouteErrors), a body the
 * parser refuses included: HTTP 200 with the envelope of seedFailure.
 */
export function seedErrorAnswer(exception: unknown): ErrorAnswer {
  const { envelope, native } = seedFailure(exception);
  return { status: 200, body: envelope, code: native.body.code, errorId: native.errorId };
}
