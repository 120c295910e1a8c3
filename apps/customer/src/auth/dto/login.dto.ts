import {
  APPID_PATTERN,
  OptionalAppid,
  LOGIN_CODE_MAX_LENGTH,
  LOGIN_CODE_PATTERN,
  LOGIN_CODE_PATTERN_MESSAGE,
  PHONE_CODE_MAX_LENGTH,
} from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

import { AvatarUrlRules, NicknameRules } from '../../users/profile-fields';

@ApiSchema({ description: 'Unknown fields are refused (400 VALIDATION_FAILED).' })
export class LoginDto {
  /** The code wx.login gave the mini-program. */
  @ApiProperty({
    description: 'The code `wx.login` gave the mini-program; works once. No control characters.',
    minLength: 1,
    maxLength: LOGIN_CODE_MAX_LENGTH,
    example: '0a3Xy8Ga1fXnVH0ZHd1Ga0c1Ga1Xy8Gx',
  })
  @IsString()
  @Length(1, LOGIN_CODE_MAX_LENGTH)
  @Matches(LOGIN_CODE_PATTERN, { message: LOGIN_CODE_PATTERN_MESSAGE })
  code!: string;

  @IsOptional()
  @NicknameRules(
    'Nickname of a new user (an existing user keeps theirs): trimmed, then 1–32 characters ' +
      'without control characters. Default: 普通用户 followed by 5 random digits.',
  )
  nickname?: string;

  @IsOptional()
  @AvatarUrlRules('Avatar of a new user (an existing user keeps theirs): an http(s) URL.')
  avatar?: string;

  @ApiPropertyOptional({
    description:
      'The mini-program the code comes from: one of `WECHAT_APPIDS` (default: the first). ' +
      'Another appid is refused with 400 UNKNOWN_APPID.',
    pattern: APPID_PATTERN.source,
    example: 'wx5a4d0000sandbox',
  })
  @OptionalAppid()
  appid?: string;

  @ApiPropertyOptional({
    description:
      "The getPhoneNumber button's code (`e.detail.code`): the login also binds the phone. " +
      'A phone failure fails the login with its own error and writes nothing.',
    maxLength: PHONE_CODE_MAX_LENGTH,
  })
  @IsOptional()
  @IsString()
  @Length(1, PHONE_CODE_MAX_LENGTH)
  @Matches(LOGIN_CODE_PATTERN, { message: 'phoneCode must not contain control characters' })
  phoneCode?: string;
}
