import { Openid, OptionalAppid, ServedByApp } from './wechat-fields';

/** Payload of `wechat.checkSession`. */
export class CheckSessionRequest {
  @Openid()
  openid!: string;

  @OptionalAppid()
  appid?: string;
}

/**
 * Result of `wechat.checkSession`: whether WeChat still accepts the session_key
 * publics stored at the user's last login (false: log the user in again).
 */
export interface CheckSessionResult extends ServedByApp {
  valid: boolean;
}
