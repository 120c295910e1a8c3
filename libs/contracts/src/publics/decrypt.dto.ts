import { IsBase64, IsString, Length, MaxLength } from 'class-validator';

import { Openid, OptionalAppid } from './wechat-fields';

/** Encrypted user data is a few KiB; 64 KiB of base64 is far beyond any of it. */
export const ENCRYPTED_DATA_MAX_LENGTH = 64 * 1024;

/** Payload of `wechat.decrypt`: data a mini-program API returned encrypted with the user's session_key. */
export class DecryptRequest {
  @Openid()
  openid!: string;

  /** `encryptedData` as the mini-program got it (base64). */
  @IsString()
  @MaxLength(ENCRYPTED_DATA_MAX_LENGTH)
  @IsBase64({}, { message: 'encryptedData must be base64' })
  encryptedData!: string;

  /** `iv` as the mini-program got it: 16 bytes in base64 (24 characters). */
  @IsString()
  @Length(24, 24, { message: 'iv must be 16 bytes in base64 (24 characters)' })
  @IsBase64({}, { message: 'iv must be base64' })
  iv!: string;

  @OptionalAppid()
  appid?: string;
}

/**
 * Result of `wechat.decrypt`: the decrypted JSON object as WeChat wrote it. Its
 * `watermark.appid` is always the appid that served the call.
 */
export interface DecryptResult {
  watermark: { appid: string; timestamp: number };
  [field: string]: unknown;
}
