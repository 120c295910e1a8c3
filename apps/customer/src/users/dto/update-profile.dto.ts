import { Transform } from 'class-transformer';
import {
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

import {
  AVATAR_MAX_LENGTH,
  NICKNAME_MAX_LENGTH,
  NO_CONTROL_CHARACTERS,
} from '../../auth/dto/login.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdateProfileDto {
  /** Left out: unchanged. null is refused: every user has a nickname. */
  @ValidateIf((_dto, value) => value !== undefined)
  @Transform(trim)
  @IsString()
  @Length(1, NICKNAME_MAX_LENGTH)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'nickname must not contain control characters' })
  nickname?: string;

  /** Left out: unchanged; null: removes the avatar. */
  @IsOptional()
  @IsString()
  @MaxLength(AVATAR_MAX_LENGTH)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'avatar must be an http(s) URL' },
  )
  avatar?: string | null;
}
