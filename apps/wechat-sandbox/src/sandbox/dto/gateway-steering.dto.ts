import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { SANDBOX_APIS, SandboxApi } from '../faults/fault.store';
import { MAX_DELAY_MS } from './mint-code.dto';

const ID = /^[\w-]{1,128}$/;

/** Body of `POST /sandbox/phone-codes`: what the getPhoneNumber button would hand the mini-program. */
export class MintPhoneCodeDto {
  @IsOptional()
  @Matches(/^\d{5,15}$/)
  purePhoneNumber?: string;

  @IsOptional()
  @Matches(/^\d{1,4}$/)
  countryCode?: string;

  @IsOptional()
  @Matches(ID)
  appid?: string;

  @IsOptional()
  @IsInt()
  errcode?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  failures?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DELAY_MS)
  delayMs?: number;
}

/** Body of `POST /sandbox/access-tokens/revoke` and of other calls that only name an app. */
export class AppDto {
  @IsOptional()
  @Matches(ID)
  appid?: string;
}

/** Body of `POST /sandbox/faults`. */
export class InjectFaultDto {
  @IsIn(SANDBOX_APIS)
  api!: SandboxApi;

  @IsOptional()
  @IsInt()
  errcode?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  failures?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DELAY_MS)
  delayMs?: number;
}

/** Body of `POST /sandbox/sessions/expire`. */
export class ExpireSessionDto {
  @Matches(ID)
  openid!: string;

  @IsOptional()
  @Matches(ID)
  appid?: string;
}

/** Body of `POST /sandbox/encrypted-data`: what wx.getUserProfile & co. hand the mini-program. */
export class EncryptDataDto {
  @Matches(ID)
  openid!: string;

  @IsOptional()
  @Matches(ID)
  appid?: string;

  /** The fields to encrypt; the sandbox adds `watermark: { appid, timestamp }`. */
  @IsObject()
  data!: Record<string, unknown>;

  /** Put another appid into the watermark (to play data meant for another mini-program). */
  @IsOptional()
  @IsString()
  @Length(1, 128)
  watermarkAppid?: string;
}

/** Body of `POST /sandbox/subscriptions`: the user accepts `count` messages of a template. */
export class AcceptSubscriptionDto {
  @Matches(ID)
  openid!: string;

  @Matches(ID)
  templateId!: string;

  @IsOptional()
  @Matches(ID)
  appid?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  count?: number;
}

export class ContentRuleDto {
  @IsString()
  @Length(1, 100)
  word!: string;

  @IsIn(['review', 'risky'])
  suggest!: 'review' | 'risky';

  @IsInt()
  @Min(100)
  @Max(99999)
  label!: number;
}

/** Body of `PUT /sandbox/content-rules`: replaces the words msg_sec_check flags. */
export class ContentRulesDto {
  @IsArray()
  @ValidateNested({ each: true })
  @ArrayMaxSize(1000)
  @Type(() => ContentRuleDto)
  rules!: ContentRuleDto[];
}
