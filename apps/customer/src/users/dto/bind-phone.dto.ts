import {
  APPID_PATTERN,
  OptionalAppid,
  LOGIN_CODE_PATTERN,
  PHONE_CODE_MAX_LENGTH,
} from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class BindPhoneDto {
  @ApiProperty({
    description: "The getPhoneNumber button's code (`e.detail.code`), valid five minutes and once.",
    maxLength: PHONE_CODE_MAX_LENGTH,
  })
  @IsString()
  @Length(1, PHONE_CODE_MAX_LENGTH)
  @Matches(LOGIN_CODE_PATTERN, { message: 'phoneCode must not contain control characters' })
  phoneCode!: string;

  @ApiPropertyOptional({
    description:
      'The mini-program the code comes from: one of `WECHAT_APPIDS` (default: the first).',
    pattern: APPID_PATTERN.source,
  })
  @OptionalAppid()
  appid?: string;
}
