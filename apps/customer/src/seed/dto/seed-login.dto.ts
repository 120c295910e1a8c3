import {
  LOGIN_CODE_MAX_LENGTH,
  LOGIN_CODE_PATTERN,
  LOGIN_CODE_PATTERN_MESSAGE,
} from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

import { AvatarUrlRules } from '../../users/profile-fields';

/** An empty avatar is the page's "none". */
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

@ApiSchema({ description: "The seed login page's body. Unknown fields are refused (code 400)." })
export class SeedLoginDto {
  @ApiProperty({
    description: 'The code `wx.login` gave the mini-program.',
    maxLength: LOGIN_CODE_MAX_LENGTH,
  })
  @IsString()
  @Length(1, LOGIN_CODE_MAX_LENGTH)
  @Matches(LOGIN_CODE_PATTERN, { message: LOGIN_CODE_PATTERN_MESSAGE })
  code!: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @AvatarUrlRules('Avatar of a new user: an http(s) URL; empty or left out: none.')
  avatar?: string;

  /** The page sends WeChat's "微信用户" placeholder: as in the seed, a new user gets the default nickname. */
  @ApiPropertyOptional({
    description:
      'Ignored, as in the seed: a new user gets the default nickname (普通用户 and 5 digits).',
    maxLength: 256,
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  nickname?: string;
}
