import { IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

import { OptionalAppid } from './wechat-fields';

export const LOGIN_CODE_MAX_LENGTH = 128;

/**
 * A login code is text without control characters or lone surrogates: WeChat
 * issues none, and a lone surrogate cannot even be put into the request URL.
 */
export const LOGIN_CODE_PATTERN = /^[^\p{Cc}\p{Cs}]+$/u;
export const LOGIN_CODE_PATTERN_MESSAGE =
  'code must not contain control characters or invalid Unicode';

/**
 * What a request id looks like on the wire: 1–128 letters, digits, `_`, `.`,
 * `:` or `-`. The same rule applies to an incoming X-Request-Id header (anything
 * else is replaced by a generated id) and to `requestId` in RPC payloads.
 */
export const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}

/** Payload of `wechat.code2session`. */
export class Code2SessionRequest {
  /** The code the mini-program got from wx.login. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(LOGIN_CODE_MAX_LENGTH)
  @Matches(LOGIN_CODE_PATTERN, { message: LOGIN_CODE_PATTERN_MESSAGE })
  code!: string;

  /**
   * Optional: the id of the caller's request (its X-Request-Id), so publics'
   * log lines about this exchange can be found with it. Callers that leave it
   * out are answered the same; null is refused.
   */
  @ValidateIf((_request: Code2SessionRequest, value: unknown) => value !== undefined)
  @IsString()
  @Matches(REQUEST_ID_PATTERN, {
    message: 'requestId must be 1-128 letters, digits, underscores, dots, colons or hyphens',
  })
  requestId?: string;

  /** Which mini-program the code is from; default: the first one publics is configured with. */
  @OptionalAppid()
  appid?: string;
}

/** Result of `wechat.code2session`. The session_key never leaves publics. */
export interface Code2SessionResult {
  openid: string;
  unionid?: string;
  /** The mini-program that served the exchange (publics stores the session_key under it). */
  appid?: string;
}
