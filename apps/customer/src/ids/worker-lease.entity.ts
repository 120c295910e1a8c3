import { bigintColumn, intColumn } from '@app/common';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which live instance holds which snowflake WORKER_ID. A holder renews its row
 * well before `expires_at`; a row past it is free to take.
 */
@Entity({ name: 'worker_id_lease' })
export class WorkerIdLease {
  @PrimaryColumn({ name: 'worker_id', type: 'int', transformer: intColumn })
  workerId!: number;

  /** host:pid:random of the holding instance. */
  @Column({ type: 'varchar', length: 128 })
  owner!: string;

  /** Epoch milliseconds. */
  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintColumn })
  expiresAt!: bigint;
}
