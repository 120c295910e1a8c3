import { LOGIN_CODE_MAX_LENGTH } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';

export const NICKNAME_MAX_LENGTH = 32;
export const AVATAR_MAX_LENGTH = 512;
/** Control characters (NUL, newlines, escapes) never belong in a nickname. */
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@ApiSchema({ description: 'Unknown fields are refused (400 VALIDATION_FAILED).' })
export class LoginDto {
  /** The code wx.login gave the mini-program. */
  @ApiProperty({
    description: 'The code `wx.login` gave the mini-program; works once.',
    minLength: 1,
    maxLength: LOGIN_CODE_MAX_LENGTH,
    example: '0a3Xy8Ga1fXnVH0ZHd1Ga0c1Ga1Xy8Gx',
  })
  @IsString()
  @Length(1, LOGIN_CODE_MAX_LENGTH)
  code!: string;

  /** Used as the nickname of a new user; an existing user keeps theirs. */
  @ApiPropertyOptional({
    description:
      'Nickname of a new user (an existing user keeps theirs): trimmed, then 1–32 characters ' +
      'without control characters. Default: 普通用户 followed by 5 random digits.',
    minLength: 1,
    maxLength: NICKNAME_MAX_LENGTH,
    example: '小明',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, NICKNAME_MAX_LENGTH)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'nickname must not contain control characters' })
  nickname?: string;

  /** Avatar URL of a new user. */
  @ApiPropertyOptional({
    description: 'Avatar of a new user (an existing user keeps theirs): an http(s) URL.',
    format: 'uri',
    maxLength: AVATAR_MAX_LENGTH,
    example: 'https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132',
  })
  @IsOptional()
  @IsString()
  @MaxLength(AVATAR_MAX_LENGTH)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'avatar must be an http(s) URL' },
  )
  avatar?: string;
}
