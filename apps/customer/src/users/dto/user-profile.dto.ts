import { ApiProperty } from '@nestjs/swagger';

import { maskPhone } from '../phone-mask';
import { CommonUser } from '../user.entity';

/** The stored profile of the signed-in user. */
export class MyProfileDto {
  /** Snowflake id as a decimal string. */
  @ApiProperty({ pattern: '^[0-9]+$', example: '1863091127000012800' })
  id!: string;

  @ApiProperty({ example: '普通用户04217' })
  nickname!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uri' })
  avatar!: string | null;

  /** 0 normal, 1 frozen. */
  @ApiProperty({ enum: [0, 1], description: '0 normal, 1 frozen.' })
  status!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '138****0000',
    description: 'The bound phone, masked (never whole); null when none is bound.',
  })
  phone!: string | null;

  static from(user: CommonUser): MyProfileDto {
    return {
      id: user.id.toString(),
      nickname: user.nickname ?? '',
      avatar: user.avatar,
      status: user.status,
      phone: maskPhone(user.phone),
    };
  }
}
