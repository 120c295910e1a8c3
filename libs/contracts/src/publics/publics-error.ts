/**
 * Stable error codes of the publics RPC contract. Callers switch on `code`;
 * the message is for humans and may change.
 */
export const PublicsErrorCode = {
  /** The login code is unknown, expired or already used (WeChat 40029, 40163). */
  INVALID_LOGIN_CODE: 'INVALID_LOGIN_CODE',
  /** WeChat throttles this app (45011, 45009). */
  WECHAT_RATE_LIMITED: 'WECHAT_RATE_LIMITED',
  /** WeChat blocks this user (40226). */
  WECHAT_USER_BLOCKED: 'WECHAT_USER_BLOCKED',
  /** WeChat is busy (-1 twice), too slow, unreachable or answered garbage. */
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  /** publics' appid or secret is wrong or missing (40013, 40125, 41002, 41004). */
  WECHAT_MISCONFIGURED: 'WECHAT_MISCONFIGURED',
  /** Any other WeChat errcode; `errcode` and `errmsg` are kept. */
  WECHAT_ERROR: 'WECHAT_ERROR',
  /** The payload names an appid publics is not configured with (no call to WeChat was made). */
  UNKNOWN_APPID: 'UNKNOWN_APPID',
  /** The phone code is unknown, expired or already used, or is a wx.login code (getuserphonenumber 40029). */
  INVALID_PHONE_CODE: 'INVALID_PHONE_CODE',
  /** WeChat does not know this openid in this mini-program (40003). */
  INVALID_OPENID: 'INVALID_OPENID',
  /** publics holds no session_key for this openid: the user has not logged in (or not for SESSION_KEY_TTL_SECONDS). */
  SESSION_KEY_NOT_FOUND: 'SESSION_KEY_NOT_FOUND',
  /** The data does not decrypt with the stored session_key (or the iv is not its iv): encrypted under another login. */
  DECRYPT_WRONG_KEY: 'DECRYPT_WRONG_KEY',
  /** The data decrypts but its PKCS#7 padding is broken: cut or altered. */
  DECRYPT_BAD_PADDING: 'DECRYPT_BAD_PADDING',
  /** The decrypted data is not a JSON object. */
  DECRYPT_BAD_JSON: 'DECRYPT_BAD_JSON',
  /** The decrypted data's watermark names another mini-program (or none). */
  DECRYPT_FOREIGN_APPID: 'DECRYPT_FOREIGN_APPID',
  /** WeChat refused the access token again after publics fetched a fresh one (40001, 40014, 42001). */
  WECHAT_ACCESS_TOKEN_REJECTED: 'WECHAT_ACCESS_TOKEN_REJECTED',
  /** The user has not accepted (or has used up) this subscribe message (43101). */
  SUBSCRIPTION_REFUSED: 'SUBSCRIPTION_REFUSED',
  /** The template id is not one of the mini-program's (40037). */
  INVALID_TEMPLATE: 'INVALID_TEMPLATE',
  /** The message data does not fit the template (47003). */
  INVALID_TEMPLATE_DATA: 'INVALID_TEMPLATE_DATA',
  /** The page is not a page of the mini-program (41030). */
  INVALID_PAGE: 'INVALID_PAGE',
  /** The RPC payload failed validation. */
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  /** A bug in publics; `errorId` points at the log line. */
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;

export type PublicsErrorCode = (typeof PublicsErrorCode)[keyof typeof PublicsErrorCode];

/** The error object a publics call fails with. */
export interface PublicsError {
  code: PublicsErrorCode;
  message: string;
  /** WeChat's errcode, when the failure came from WeChat. */
  errcode?: number;
  /** WeChat's errmsg, when the failure came from WeChat. */
  errmsg?: string;
  /** Id of the log line that describes an INTERNAL_ERROR. */
  errorId?: string;
}

const knownCodes = new Set<string>(Object.values(PublicsErrorCode));

export function isPublicsError(value: unknown): value is PublicsError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && knownCodes.has(code) && typeof message === 'string';
}
