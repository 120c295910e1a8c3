/** Injection token of the ClientProxy that talks to publics over TCP. */
export const PUBLICS_CLIENT = 'PUBLICS_CLIENT';

/** Message patterns publics answers. Callers import these; never type the strings. */
export const PublicsPatterns = {
  /** Exchange a wx.login code for the user's openid (and unionid). */
  WECHAT_CODE2SESSION: 'wechat.code2session',
  /** Liveness of the RPC side: answers `{ status: 'ok' }` without calling WeChat. */
  HEALTH_PING: 'health.ping',
} as const;

export type PublicsPattern = (typeof PublicsPatterns)[keyof typeof PublicsPatterns];
