import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export const LOGIN_CODE_MAX_LENGTH = 128;

/** Payload of `wechat.code2session`. */
export class Code2SessionRequest {
  /** The code the mini-program got from wx.login. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(LOGIN_CODE_MAX_LENGTH)
  code!: string;
}

/** Result of `wechat.code2session`. The session_key never leaves publics. */
export interface Code2SessionResult {
  openid: string;
  unionid?: string;
}
