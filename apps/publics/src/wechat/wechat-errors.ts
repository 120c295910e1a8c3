import { PublicsError, PublicsErrorCode } from '@app/contracts';

/** WeChat's "system busy, try again" errcode: retried once before giving up. */
export const WECHAT_SYSTEM_BUSY = -1;

/** The WeChat APIs publics calls; an errcode can mean something else from one to the next. */
export type WechatApi =
  | 'jscode2session'
  | 'stable_token'
  | 'getuserphonenumber'
  | 'checksession'
  | 'subscribe_send'
  | 'msg_sec_check';

/** The errcodes that say the access token publics sent is not (or no longer) valid. */
export const ACCESS_TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** checksession's "the signature does not match the user's session_key": an answer, not a failure. */
export const WECHAT_INVALID_SIGNATURE = 87009;

/** What an errcode means whichever API answered it. */
const anyApi: ReadonlyMap<number, PublicsErrorCode> = new Map([
  [40029, PublicsErrorCode.INVALID_LOGIN_CODE],
  [40163, PublicsErrorCode.INVALID_LOGIN_CODE],
  [45009, PublicsErrorCode.WECHAT_RATE_LIMITED],
  [45011, PublicsErrorCode.WECHAT_RATE_LIMITED],
  [40226, PublicsErrorCode.WECHAT_USER_BLOCKED],
  [WECHAT_SYSTEM_BUSY, PublicsErrorCode.WECHAT_UNAVAILABLE],
  [40013, PublicsErrorCode.WECHAT_MISCONFIGURED],
  [40125, PublicsErrorCode.WECHAT_MISCONFIGURED],
  [41002, PublicsErrorCode.WECHAT_MISCONFIGURED],
  [41004, PublicsErrorCode.WECHAT_MISCONFIGURED],
  [40001, PublicsErrorCode.WECHAT_ACCESS_TOKEN_REJECTED],
  [40014, PublicsErrorCode.WECHAT_ACCESS_TOKEN_REJECTED],
  [42001, PublicsErrorCode.WECHAT_ACCESS_TOKEN_REJECTED],
  [40003, PublicsErrorCode.INVALID_OPENID],
  [43101, PublicsErrorCode.SUBSCRIPTION_REFUSED],
  [40037, PublicsErrorCode.INVALID_TEMPLATE],
  [47003, PublicsErrorCode.INVALID_TEMPLATE_DATA],
  [41030, PublicsErrorCode.INVALID_PAGE],
]);

/** Where one API's errcode means something else than elsewhere. */
const byApi: Partial<Record<WechatApi, ReadonlyMap<number, PublicsErrorCode>>> = {
  // The code of the getPhoneNumber button, not a login code: the usual mistake is to send the wx.login code here.
  getuserphonenumber: new Map([[40029, PublicsErrorCode.INVALID_PHONE_CODE]]),
  // stable_token answers 40001 for a wrong secret (it is the credential it checks).
  stable_token: new Map([[40001, PublicsErrorCode.WECHAT_MISCONFIGURED]]),
};

const messages: Record<PublicsErrorCode, string> = {
  INVALID_LOGIN_CODE: 'The login code is invalid, expired or already used',
  WECHAT_RATE_LIMITED: 'WeChat is rate limiting this mini-program; retry later',
  WECHAT_USER_BLOCKED: 'WeChat blocks this user',
  WECHAT_UNAVAILABLE: 'WeChat is unavailable right now',
  WECHAT_MISCONFIGURED: "publics' WeChat appid or secret is wrong or missing",
  WECHAT_ERROR: 'WeChat refused the call',
  UNKNOWN_APPID: 'publics is not configured with this appid',
  INVALID_PHONE_CODE:
    'The phone code is invalid, expired or already used: send the code of the getPhoneNumber button (e.detail.code), not a wx.login code',
  INVALID_OPENID: 'WeChat does not know this openid in this mini-program',
  SESSION_KEY_NOT_FOUND:
    'publics holds no session_key for this openid: the user has to log in (wechat.code2session) first',
  DECRYPT_WRONG_KEY:
    "The data does not decrypt with the user's stored session_key: it was encrypted under another login (log in again, then fetch the data again) or the iv is not its iv",
  DECRYPT_BAD_PADDING: 'The decrypted data has a broken PKCS#7 padding: it was cut or altered',
  DECRYPT_BAD_JSON: 'The decrypted data is not a JSON object',
  DECRYPT_FOREIGN_APPID: "The decrypted data's watermark names another mini-program",
  WECHAT_ACCESS_TOKEN_REJECTED:
    'WeChat refused the access token, also after a fresh one was fetched',
  SUBSCRIPTION_REFUSED:
    'The user has not accepted this subscribe message (or has already received what they accepted)',
  INVALID_TEMPLATE: 'The template id is not a template of this mini-program',
  INVALID_TEMPLATE_DATA: 'The message data does not fit the template',
  INVALID_PAGE: 'The page is not a page of this mini-program',
  INVALID_PAYLOAD: 'The request payload is invalid',
  INTERNAL_ERROR: 'Internal error in publics',
};

/** Maps an errcode WeChat returned (inside HTTP 200) from `api` to the contract error callers see. */
export function mapWechatErrcode(
  errcode: number,
  errmsg: string | undefined,
  api: WechatApi = 'jscode2session',
): PublicsError {
  const code = byApi[api]?.get(errcode) ?? anyApi.get(errcode) ?? PublicsErrorCode.WECHAT_ERROR;
  const message =
    code === PublicsErrorCode.WECHAT_ERROR
      ? `${messages[code]} (${api} errcode ${errcode}${errmsg ? `: ${errmsg}` : ''})`
      : messages[code];
  return { code, message, errcode, ...(errmsg !== undefined && { errmsg }) };
}

/** A contract error publics raises itself (no WeChat answer behind it). */
export function contractError(code: PublicsErrorCode, detail?: string): PublicsError {
  return { code, message: detail ? `${messages[code]}: ${detail}` : messages[code] };
}

/** The contract error for a WeChat call that failed below the API level. */
export function wechatUnavailable(reason: string): PublicsError {
  return contractError(PublicsErrorCode.WECHAT_UNAVAILABLE, reason);
}
