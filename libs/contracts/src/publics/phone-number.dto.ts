import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

import { OptionalAppid, ServedByApp } from './wechat-fields';

export const PHONE_CODE_MAX_LENGTH = 128;

/** Payload of `wechat.phoneNumber`. */
export class PhoneNumberRequest {
  /**
   * The code of the getPhoneNumber button (`e.detail.code`), valid five minutes
   * and once: not the code of wx.login.
   */
  @IsString()
  @IsNotEmpty()
  @MaxLength(PHONE_CODE_MAX_LENGTH)
  @Matches(/^[^\p{Cc}\p{Cs}]+$/u, {
    message: 'code must not contain control characters or invalid Unicode',
  })
  code!: string;

  @OptionalAppid()
  appid?: string;
}

/** Result of `wechat.phoneNumber`. */
export interface PhoneNumberResult extends ServedByApp {
  /** With the country code for numbers outside China, e.g. `+1 202 555 0100`. */
  phoneNumber: string;
  /** Without the country code. */
  purePhoneNumber: string;
  countryCode: string;
}
