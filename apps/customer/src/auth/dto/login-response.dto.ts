import { ApiProperty } from '@nestjs/swagger';

import { CommonUser } from '../../users/user.entity';

export class UserProfileDto {
  /** The snowflake id as a decimal string (it does not fit a JS number). */
  @ApiProperty({
    description: 'The 64-bit snowflake id as a decimal string (it does not fit a JSON number).',
    pattern: '^[0-9]+$',
    example: '1863091127000012800',
  })
  id!: string;

  @ApiProperty({ example: '普通用户04217' })
  nickname!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uri',
    description: 'Avatar URL, or null when the user has none.',
  })
  avatar!: string | null;

  static from(user: CommonUser): UserProfileDto {
    return { id: user.id.toString(), nickname: user.nickname ?? '', avatar: user.avatar };
  }
}

export class LoginResponseDto {
  /** Signed JWT (HS256); `sub` is the user id as a decimal string. */
  @ApiProperty({
    description:
      'Signed JWT (HS256 with the shared secret, or ES256/RS256 with a key pair). Claims: `sub` ' +
      '(the user id, a decimal string), `nickname`, `avatar`, `userType` (1), `iss`, `aud`, `iat`, `exp`.',
    example: 'eyJhbGciOiJIUzI1NiIs...',
  })
  token!: string;

  @ApiProperty({ type: UserProfileDto })
  user!: UserProfileDto;
}
