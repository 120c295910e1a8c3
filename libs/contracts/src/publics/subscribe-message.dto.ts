import {
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';

import { Openid, OptionalAppid, ServedByApp } from './wechat-fields';

/** `miniprogram_state`: which version of the mini-program the message opens. */
export const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'] as const;
export type MiniprogramState = (typeof MINIPROGRAM_STATES)[number];

/** A template's keywords as WeChat names them: `thing1`, `time2`, `character_string3`… */
export const TEMPLATE_KEYWORD_PATTERN = /^[A-Za-z_]{1,32}\d{0,3}$/;
export const TEMPLATE_KEYWORDS_MAX = 30;
export const TEMPLATE_VALUE_MAX_LENGTH = 1000;

/** `data` in WeChat's form: `{ thing1: { value: 'text' }, … }`. */
export type SubscribeMessageData = Record<string, { value: string }>;

/** Why `data` is not in WeChat's form, or undefined when it is. */
export function subscribeMessageDataProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return 'data must be an object of { keyword: { value } }';
  }
  const entries = Object.entries(data);
  if (entries.length === 0 || entries.length > TEMPLATE_KEYWORDS_MAX) {
    return `data must have 1-${TEMPLATE_KEYWORDS_MAX} keywords`;
  }
  for (const [keyword, field] of entries) {
    if (!TEMPLATE_KEYWORD_PATTERN.test(keyword)) {
      return `data keyword "${keyword.slice(0, 40)}" is not a template keyword (letters and underscores, then digits)`;
    }
    if (typeof field !== 'object' || field === null || Array.isArray(field)) {
      return `data.${keyword} must be { value: string }`;
    }
    const keys = Object.keys(field);
    const { value } = field as { value?: unknown };
    if (keys.length !== 1 || typeof value !== 'string') {
      return `data.${keyword} must be { value: string } and nothing else`;
    }
    if (value.length > TEMPLATE_VALUE_MAX_LENGTH) {
      return `data.${keyword}.value must be at most ${TEMPLATE_VALUE_MAX_LENGTH} characters`;
    }
  }
  return undefined;
}

function IsSubscribeMessageData(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isSubscribeMessageData',
      target: target.constructor,
      propertyName: String(property),
      validator: {
        validate: (value: unknown) => subscribeMessageDataProblem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          subscribeMessageDataProblem(args?.value) ?? 'data is invalid',
      },
    });
}

/** Payload of `wechat.subscribeMessage`: one subscribe message the user accepted to receive. */
export class SubscribeMessageRequest {
  /** The receiver. */
  @Openid()
  openid!: string;

  @IsString()
  @Matches(/^[\w-]{1,128}$/, {
    message: 'templateId must be 1-128 letters, digits, underscores or hyphens',
  })
  templateId!: string;

  @IsSubscribeMessageData()
  data!: SubscribeMessageData;

  /** The mini-program page the message opens, with its query (`index?foo=bar`). */
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  @Matches(/^[^\p{Cc}\p{Cs}]+$/u, {
    message: 'page must not contain control characters or invalid Unicode',
  })
  page?: string;

  /** Sent as `miniprogram_state`; WeChat's default is `formal`. */
  @IsOptional()
  @IsIn(MINIPROGRAM_STATES)
  state?: MiniprogramState;

  @OptionalAppid()
  appid?: string;
}

/** Result of `wechat.subscribeMessage`. */
export interface SubscribeMessageResult extends ServedByApp {
  sent: true;
}
