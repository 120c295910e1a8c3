import { bigintColumn, intColumn } from '@app/common';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import { UserStatus } from './user-status';

/** A mini-program user. The table is the seed project's `common_user`, plus union_id, phone_country_code, phone_claim and token_version. */
@Entity({ name: 'common_user' })
export class CommonUser {
  @PrimaryColumn({ type: 'bigint', transformer: bigintColumn })
  id!: bigint;

  @Column({ type: 'int', default: UserStatus.Normal, transformer: intColumn })
  status!: UserStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  nickname!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  avatar!: string | null;

  /**
   * Case-sensitive, as WeChat's ids are: SQLite's default BINARY collation
   * compares exactly, and so do the MySQL columns (a binary collation, set by
   * migration CaseSensitiveWechatIds).
   */
  @Index('uk_common_user_open_id', { unique: true })
  @Column({ name: 'open_id', type: 'varchar', length: 100, nullable: true })
  openId!: string | null;

  /** One user per unionid: the person behind several mini-programs of one WeChat open platform account. */
  @Index('uk_common_user_union_id', { unique: true })
  @Column({ name: 'union_id', type: 'varchar', length: 100, nullable: true })
  unionId!: string | null;

  /** WeChat's countryCode of `phone` (which holds purePhoneNumber, without it). */
  @Column({ name: 'phone_country_code', type: 'varchar', length: 8, nullable: true })
  phoneCountryCode!: string | null;

  /**
   * The user's claim on `phone` while PHONE_UNIQUE is true (the same digits; null otherwise),
   * under a unique index: the statement that binds a number claims it, so of two users binding
   * one number at the same instant one is refused. Released with the phone (replaced, erased).
   * A user can hold a phone without its claim (bound while PHONE_UNIQUE was false).
   */
  @Index('uk_common_user_phone_claim', { unique: true })
  @Column({ name: 'phone_claim', type: 'varchar', length: 32, nullable: true })
  phoneClaim!: string | null;

  /** Tokens carry it as `ver`; bumping it (logout, freezing, deletion) revokes every token issued before. */
  @Column({ name: 'token_version', type: 'int', default: 0, transformer: intColumn })
  tokenVersion!: number;

  @Column({ name: 'account_lock_reason', type: 'varchar', length: 255, nullable: true })
  accountLockReason!: string | null;

  @Column({ name: 'create_time', type: 'datetime', nullable: true })
  createTime!: Date | null;

  @Column({ name: 'update_time', type: 'datetime', nullable: true })
  updateTime!: Date | null;

  @Column({ name: 'is_deleted', type: 'int', default: 0, transformer: intColumn })
  isDeleted!: number;
}
