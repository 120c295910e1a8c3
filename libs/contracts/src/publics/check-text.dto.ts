import { IsIn, IsInt, IsString, Length } from 'class-validator';

import { Openid, OptionalAppid, ServedByApp } from './wechat-fields';

/** msg_sec_check's scenes: 1 profile, 2 comment, 3 forum post, 4 social log. */
export const CHECK_TEXT_SCENES = [1, 2, 3, 4] as const;
export type CheckTextScene = (typeof CHECK_TEXT_SCENES)[number];
/** WeChat checks at most 2500 characters. */
export const CHECK_TEXT_MAX_LENGTH = 2500;

/** Payload of `wechat.checkText`. */
export class CheckTextRequest {
  /** The author; WeChat wants a user who opened the mini-program in the last two hours. */
  @Openid()
  openid!: string;

  @IsString()
  @Length(1, CHECK_TEXT_MAX_LENGTH)
  content!: string;

  @IsInt()
  @IsIn(CHECK_TEXT_SCENES)
  scene!: CheckTextScene;

  @OptionalAppid()
  appid?: string;
}

export type CheckTextSuggestion = 'pass' | 'review' | 'risky';

/** Result of `wechat.checkText`: WeChat's verdict (msg_sec_check version 2). */
export interface CheckTextResult extends ServedByApp {
  suggest: CheckTextSuggestion;
  /** WeChat's label: 100 normal, 10001 ads, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 20013 copyright, 21000 other. */
  label: number;
}
