import { bigintColumn } from '@app/common';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One WeChat identity (an openid of one mini-program) of a user; a user has
 * one per mini-program they logged in with. The primary key is the unique
 * (appid, openid). openid and unionid compare case-sensitively (binary
 * collation on MySQL, BINARY on SQLite), as WeChat's ids do.
 */
@Entity({ name: 'common_user_identity' })
export class UserIdentity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  appid!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  openid!: string;

  @Index('idx_common_user_identity_user_id')
  @Column({ name: 'user_id', type: 'bigint', transformer: bigintColumn })
  userId!: bigint;

  @Index('idx_common_user_identity_unionid')
  @Column({ type: 'varchar', length: 100, nullable: true })
  unionid!: string | null;

  @Column({ name: 'create_time', type: 'datetime', nullable: true })
  createTime!: Date | null;
}
