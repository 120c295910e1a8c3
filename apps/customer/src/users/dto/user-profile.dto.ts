import { CommonUser } from '../user.entity';

/** The stored profile of the signed-in user. */
export class MyProfileDto {
  /** Snowflake id as a decimal string. */
  id!: string;
  nickname!: string;
  avatar!: string | null;
  /** 0 normal, 1 frozen. */
  status!: number;

  static from(user: CommonUser): MyProfileDto {
    return {
      id: user.id.toString(),
      nickname: user.nickname ?? '',
      avatar: user.avatar,
      status: user.status,
    };
  }
}
