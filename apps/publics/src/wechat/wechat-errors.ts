import { PublicsError, PublicsErrorCode } from '@app/contracts';

/** WeChat's "system busy, try again" errcode: retried once before giving up. */
export const WECHAT_SYSTEM_BUSY = -1;

const errcodeToContract: ReadonlyMap<number, PublicsErrorCode> = new Map([
  [40029, PublicsErrorCode.INVALID_LOGIN_CODE],
  [40163, PublicsErrorCode.INVALID_LOGIN_CODE],
  [45011, PublicsErrorCode.WECHAT_RATE_LIMITED],
  [40226, PublicsErrorCode.WECHAT_USER_BLOCKED],
  [WECHAT_SYSTEM_BUSY, PublicsErrorCode.WECHAT_UNAVAILABLE],
  [40013, PublicsErrorCode.WECHAT_MISCONFIGURED],
  [40125, PublicsErrorCode.WECHAT_MISCONFIGURED],
  [41002, PublicsErrorCode.WECHAT_MISCONFIGURED],
  [41004, PublicsErrorCode.WECHAT_MISCONFIGURED],
]);

const messages: Record<PublicsErrorCode, string> = {
  INVALID_LOGIN_CODE: 'The login code is invalid, expired or already used',
  WECHAT_RATE_LIMITED: 'WeChat is rate limiting this mini-program; retry later',
  WECHAT_USER_BLOCKED: 'WeChat blocks this user',
  WECHAT_UNAVAILABLE: 'WeChat is unavailable right now',
  WECHAT_MISCONFIGURED: "publics' WeChat appid or secret is wrong or missing",
  WECHAT_ERROR: 'WeChat refused the login',
  INVALID_PAYLOAD: 'The request payload is invalid',
  INTERNAL_ERROR: 'Internal error in publics',
};

/** Maps an errcode WeChat returned (inside HTTP 200) to the contract error callers see. */
export function mapWechatErrcode(errcode: number, errmsg: string | undefined): PublicsError {
  const code = errcodeToContract.get(errcode) ?? PublicsErrorCode.WECHAT_ERROR;
  const message =
    code === PublicsErrorCode.WECHAT_ERROR
      ? `${messages[code]} (errcode ${errcode}${errmsg ? `: ${errmsg}` : ''})`
      : messages[code];
  return { code, message, errcode, ...(errmsg !== undefined && { errmsg }) };
}

/** The contract error for a WeChat call that failed below the API level. */
export function wechatUnavailable(reason: string): PublicsError {
  return {
    code: PublicsErrorCode.WECHAT_UNAVAILABLE,
    message: `${messages.WECHAT_UNAVAILABLE}: ${reason}`,
  };
}
