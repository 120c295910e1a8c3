import { OptionalAppid, ServedByApp } from './wechat-fields';

/** Payload of `wechat.accessToken`. */
export class AccessTokenRequest {
  @OptionalAppid()
  appid?: string;
}

/**
 * Result of `wechat.accessToken`: the mini-program's current access token, the
 * same for every caller and every publics instance. Never log it.
 */
export interface AccessTokenResult extends ServedByApp {
  accessToken: string;
  /** When WeChat stops accepting it, epoch milliseconds. */
  expiresAt: number;
}
