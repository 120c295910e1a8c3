import { IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/**
 * The `wechat.phoneNumber` pattern, until publics' gateway contract (branch
 * gateway) brings `PublicsPatterns.WECHAT_PHONE_NUMBER` and this file's full
 * version; customer calls it through PublicsClient.phoneNumber only.
 */
export const WECHAT_PHONE_NUMBER_PATTERN = 'wechat.phoneNumber';

export const PHONE_CODE_MAX_LENGTH = 128;

/** Payload of `wechat.phoneNumber`. */
export class PhoneNumberRequest {
  /** The code of the getPhoneNumber button (`e.detail.code`), valid five minutes and once. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(PHONE_CODE_MAX_LENGTH)
  @Matches(/^[^\p{Cc}\p{Cs}]+$/u, {
    message: 'code must not contain control characters or invalid Unicode',
  })
  code!: string;

  /** Which mini-program the code is from; default: publics' first. */
  @ValidateIf((_request: PhoneNumberRequest, value: unknown) => value !== undefined)
  @IsString()
  appid?: string;
}

/** Result of `wechat.phoneNumber`. */
export interface PhoneNumberResult {
  /** With the country code for numbers outside China, e.g. `+1 202 555 0100`. */
  phoneNumber: string;
  /** Without the country code. */
  purePhoneNumber: string;
  countryCode: string;
  /** The mini-program that served the call. */
  appid: string;
}
