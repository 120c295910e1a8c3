/** Injection token of the ClientProxy that talks to publics over TCP. */
export const PUBLICS_CLIENT = 'PUBLICS_CLIENT';

/** Message patterns publics answers. Callers import these; never type the strings. */
export const PublicsPatterns = {
  /** Exchange a wx.login code for the user's openid (and unionid). */
  WECHAT_CODE2SESSION: 'wechat.code2session',
  /** The mini-program's access token, shared by every caller and every publics instance. */
  WECHAT_ACCESS_TOKEN: 'wechat.accessToken',
  /** The phone number behind a getPhoneNumber button code. */
  WECHAT_PHONE_NUMBER: 'wechat.phoneNumber',
  /** Whether WeChat still accepts the session_key stored at the user's last login. */
  WECHAT_CHECK_SESSION: 'wechat.checkSession',
  /** Decrypts data a mini-program API returned encrypted with the user's session_key. */
  WECHAT_DECRYPT: 'wechat.decrypt',
  /** Sends a subscribe message the user accepted to receive. */
  WECHAT_SUBSCRIBE_MESSAGE: 'wechat.subscribeMessage',
  /** WeChat's content check of a text (msg_sec_check version 2). */
  WECHAT_CHECK_TEXT: 'wechat.checkText',
  /** Liveness of the RPC side: answers `{ status: 'ok' }` without calling WeChat. */
  HEALTH_PING: 'health.ping',
} as const;

export type PublicsPattern = (typeof PublicsPatterns)[keyof typeof PublicsPatterns];
