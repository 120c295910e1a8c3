import { CommonUser } from '../../users/user.entity';

export class UserProfileDto {
  /** The snowflake id as a decimal string (it does not fit a JS number). */
  id!: string;
  nickname!: string;
  avatar!: string | null;

  static from(user: CommonUser): UserProfileDto {
    return { id: user.id.toString(), nickname: user.nickname ?? '', avatar: user.avatar };
  }
}

export class LoginResponseDto {
  /** Signed JWT (HS256); `sub` is the user id as a decimal string. */
  token!: string;
  user!: UserProfileDto;
}
