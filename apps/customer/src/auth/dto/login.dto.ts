import { LOGIN_CODE_MAX_LENGTH } from '@app/contracts';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';

export const NICKNAME_MAX_LENGTH = 32;
export const AVATAR_MAX_LENGTH = 512;
/** Control characters (NUL, newlines, escapes) never belong in a nickname. */
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LoginDto {
  /** The code wx.login gave the mini-program. */
  @IsString()
  @Length(1, LOGIN_CODE_MAX_LENGTH)
  code!: string;

  /** Used as the nickname of a new user; an existing user keeps theirs. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, NICKNAME_MAX_LENGTH)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'nickname must not contain control characters' })
  nickname?: string;

  /** Avatar URL of a new user. */
  @IsOptional()
  @IsString()
  @MaxLength(AVATAR_MAX_LENGTH)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'avatar must be an http(s) URL' },
  )
  avatar?: string;
}
