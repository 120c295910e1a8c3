import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

import { OptionalAppid, Openid } from '../publics/wechat-fields';

/** A 64-bit user id as a decimal string (it does not fit a JSON number). */
export const USER_ID_PATTERN = /^[1-9]\d{0,18}$/;
const USER_ID_MESSAGE = 'id must be a user id: a decimal string';
/** A phone number as stored: WeChat's purePhoneNumber, digits only. */
export const PHONE_PATTERN = /^\d{5,20}$/;
export const AUDIT_MAX_LIMIT = 200;

/** Payload of `user.findById`. */
export class FindUserByIdRequest {
  @IsString()
  @Matches(USER_ID_PATTERN, { message: USER_ID_MESSAGE })
  id!: string;
}

/** Payload of `user.findByOpenid`. */
export class FindUserByOpenidRequest {
  @Openid()
  openid!: string;

  /** The mini-program of the openid; default: customer's first configured appid. */
  @OptionalAppid()
  appid?: string;
}

/** Payload of `user.findByPhone`: the number as WeChat's purePhoneNumber (digits, no country code). */
export class FindUserByPhoneRequest {
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be 5-20 digits' })
  phone!: string;
}

/** Payload of `user.freeze`. */
export class FreezeUserRequest {
  @IsString()
  @Matches(USER_ID_PATTERN, { message: USER_ID_MESSAGE })
  id!: string;

  /** Shown to the user (the seed's page shows it in a dialog). */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  reason!: string;
}

/** Payload of `user.unfreeze`. */
export class UnfreezeUserRequest {
  @IsString()
  @Matches(USER_ID_PATTERN, { message: USER_ID_MESSAGE })
  id!: string;
}

/** Payload of `user.audit`. */
export class UserAuditRequest {
  @IsString()
  @Matches(USER_ID_PATTERN, { message: USER_ID_MESSAGE })
  id!: string;

  /** How many entries, newest first: 1–200, default 50. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(AUDIT_MAX_LIMIT)
  limit?: number;
}

/** One mini-program identity of a user. */
export interface UserIdentityRecord {
  appid: string;
  openid: string;
  unionid: string | null;
}

/** A user as the user RPC answers it. The phone only masked (138****0000). */
export interface UserRecord {
  id: string;
  /** 0 normal, 1 frozen. */
  status: number;
  lockReason: string | null;
  nickname: string | null;
  avatar: string | null;
  phoneMasked: string | null;
  phoneCountryCode: string | null;
  unionid: string | null;
  identities: UserIdentityRecord[];
  deleted: boolean;
  /** ISO 8601. */
  createdAt: string | null;
}

/** One login attempt or account change, as `user.audit` answers it. */
export interface AuditEntryRecord {
  /** ISO 8601. */
  at: string;
  action: string;
  /** OK, or the error code the attempt was answered with. */
  outcome: string;
  appid: string | null;
  /** SHA-256 (hex) of the openid. */
  openidHash: string | null;
  clientIp: string | null;
  userAgent: string | null;
  requestId: string | null;
}
