import { bigintColumn } from '@app/common';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One login attempt or account change. Never a code, token or phone in clear:
 * the openid only as its SHA-256. The table is append-only and trimmed by
 * AUDIT_RETENTION_DAYS. (MySQL: the id is a BIGINT AUTO_INCREMENT, see the migration.)
 */
@Entity({ name: 'login_audit' })
@Index('idx_login_audit_user_id', ['userId', 'id'])
export class LoginAudit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('idx_login_audit_create_time')
  @Column({ name: 'create_time', type: 'datetime' })
  createTime!: Date;

  @Column({ name: 'user_id', type: 'bigint', nullable: true, transformer: bigintColumn })
  userId!: bigint | null;

  /** login, logout, delete, profile, phone, freeze, unfreeze. */
  @Column({ type: 'varchar', length: 16 })
  action!: string;

  /** OK, or the error code the attempt was answered with. */
  @Column({ type: 'varchar', length: 40 })
  outcome!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  appid!: string | null;

  @Column({ name: 'openid_hash', type: 'varchar', length: 64, nullable: true })
  openidHash!: string | null;

  @Column({ name: 'client_ip', type: 'varchar', length: 45, nullable: true })
  clientIp!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 255, nullable: true })
  userAgent!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;
}
