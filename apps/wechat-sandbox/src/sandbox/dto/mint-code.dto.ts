import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export const USER_MAX_LENGTH = 128;
export const MAX_DELAY_MS = 60_000;

/** Body of `POST /sandbox/codes`. */
export class MintCodeDto {
  /** Any name for the pretend WeChat user; the same name always gets the same openid. */
  @IsString()
  @Length(1, USER_MAX_LENGTH)
  user!: string;

  /** The mini-program the code is for (default: WECHAT_SANDBOX_APPID). */
  @IsOptional()
  @Matches(/^[\w-]{1,128}$/)
  appid?: string;

  /** Answer this WeChat errcode instead of a session… */
  @IsOptional()
  @IsInt()
  errcode?: number;

  /** …for this many exchanges (default: every one). */
  @IsOptional()
  @IsInt()
  @Min(1)
  failures?: number;

  /** Hold every answer about this code this many milliseconds. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DELAY_MS)
  delayMs?: number;
}

/** Answer of `POST /sandbox/codes`. */
export interface MintCodeResponse {
  /** What wx.login would have handed the mini-program. */
  code: string;
  /** The openid a successful exchange of `code` answers. */
  openid: string;
}
