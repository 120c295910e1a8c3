import { IsOptional, ValidateIf } from 'class-validator';

import { AvatarUrlRules, NicknameRules } from '../profile-fields';

export class UpdateProfileDto {
  /** Left out: unchanged. null is refused: every user has a nickname. */
  @ValidateIf((_dto, value) => value !== undefined)
  @NicknameRules('New nickname: trimmed, then 1–32 characters without control characters.')
  nickname?: string;

  /** Left out: unchanged; null: removes the avatar. */
  @IsOptional()
  @AvatarUrlRules('New avatar: an http(s) URL, or null to remove it.')
  avatar?: string | null;
}
