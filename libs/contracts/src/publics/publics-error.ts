/**
 * Stable error codes of the publics RPC contract. Callers switch on `code`;
 * the message is for humans and may change.
 */
export const PublicsErrorCode = {
  /** The login code is unknown, expired or already used (WeChat 40029, 40163). */
  INVALID_LOGIN_CODE: 'INVALID_LOGIN_CODE',
  /** WeChat throttles this app (45011). */
  WECHAT_RATE_LIMITED: 'WECHAT_RATE_LIMITED',
  /** WeChat blocks this user (40226). */
  WECHAT_USER_BLOCKED: 'WECHAT_USER_BLOCKED',
  /** WeChat is busy (-1 twice), too slow, unreachable or answered garbage. */
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  /** publics' appid or secret is wrong or missing (40013, 40125, 41002, 41004). */
  WECHAT_MISCONFIGURED: 'WECHAT_MISCONFIGURED',
  /** Any other WeChat errcode; `errcode` and `errmsg` are kept. */
  WECHAT_ERROR: 'WECHAT_ERROR',
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
