import { hash } from 'node:crypto';

import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';

import { CustomerConfig } from '../config/customer.env';
import { AuditEvent } from './audit-event';
import { LoginAudit } from './login-audit.entity';

/** Entries are written at least this often… */
export const AUDIT_FLUSH_INTERVAL_MS = 1000;
/** …or as soon as this many are waiting, in one INSERT. */
export const AUDIT_BATCH_SIZE = 200;
/** While the database refuses them, at most this many wait; the oldest go first (and are counted in the log). */
export const AUDIT_MAX_PENDING = 20_000;
const RETENTION_INTERVAL_MS = 60 * 60_000;
const USER_AGENT_MAX_LENGTH = 255;
const DAY_MS = 86_400_000;

export function hashOpenid(openid: string): string {
  return hash('sha256', openid, 'hex');
}

/** At most USER_AGENT_MAX_LENGTH characters, never cutting a surrogate pair in two. */
function truncateUserAgent(userAgent: string): string {
  if (userAgent.length <= USER_AGENT_MAX_LENGTH) return userAgent;
  return [...userAgent].slice(0, USER_AGENT_MAX_LENGTH).join('');
}

/**
 * The login_audit trail, off the hot path: record() only queues the entry;
 * batches are inserted every second, and what is still queued is written when
 * the app shuts down (this module's shutdown hook runs before the database
 * closes, see AppModule). Entries older than AUDIT_RETENTION_DAYS are deleted hourly.
 */
@Injectable()
export class AuditTrail implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AuditTrail.name);
  private readonly retentionDays: number;
  private pending: LoginAudit[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushTimer?: NodeJS.Timeout;
  private retentionTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(LoginAudit) private readonly entries: Repository<LoginAudit>,
    config: ConfigService<CustomerConfig, true>,
  ) {
    this.retentionDays = config.get('AUDIT_RETENTION_DAYS', { infer: true });
  }

  onModuleInit(): void {
    this.flushTimer = setInterval(() => void this.flush(), AUDIT_FLUSH_INTERVAL_MS).unref();
    this.retentionTimer = setInterval(
      () => void this.applyRetention(),
      RETENTION_INTERVAL_MS,
    ).unref();
    setTimeout(() => void this.applyRetention(), 5000).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.flushTimer);
    clearInterval(this.retentionTimer);
    await this.flush();
  }

  record(event: AuditEvent): void {
    // A plain instance: the repository's create() walks the entity's metadata for every entry.
    const entry = Object.assign(new LoginAudit(), {
      createTime: new Date(),
      userId: event.userId ?? null,
      action: event.action,
      outcome: event.outcome.slice(0, 40),
      appid: event.appid ?? null,
      openidHash: event.openid ? hashOpenid(event.openid) : null,
      clientIp: event.clientIp?.slice(0, 45) ?? null,
      userAgent: event.userAgent ? truncateUserAgent(event.userAgent) : null,
      requestId: event.requestId ?? null,
    });
    this.pending.push(entry);
    if (this.pending.length > AUDIT_MAX_PENDING) {
      const dropped = this.pending.splice(0, this.pending.length - AUDIT_MAX_PENDING);
      this.logger.error(
        { dropped: dropped.length },
        'Audit entries dropped: the database refuses them',
      );
    }
    if (this.pending.length >= AUDIT_BATCH_SIZE) void this.flush();
  }

  /** Writes everything queued so far (one flush at a time); failures stay queued for the next. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  /** The user's entries, newest first. */
  async forUser(userId: bigint, limit: number): Promise<LoginAudit[]> {
    const rows = (await this.entries.query(
      `SELECT ${this.columnList()} FROM \`login_audit\` WHERE \`user_id\` = ? ORDER BY \`id\` DESC LIMIT ?`,
      [userId, limit],
    )) as Record<string, unknown>[];
    return rows.map((row) => this.hydrate(row));
  }

  /**
   * Written as plain SQL: TypeORM's insert reads the generated ids back, which
   * fails on SQLite with safe integers (they come back as bigint), and nothing
   * here needs them.
   */
  private async insert(batch: LoginAudit[]): Promise<void> {
    const columns = this.columns();
    const driver = this.entries.manager.connection.driver;
    const row = `(${columns.map(() => '?').join(', ')})`;
    const values = batch.flatMap((entry) =>
      columns.map((column) => driver.preparePersistentValue(column.getEntityValue(entry), column)),
    );
    await this.entries.query(
      `INSERT INTO \`login_audit\` (${this.columnList()}) VALUES ${batch.map(() => row).join(', ')}`,
      values,
    );
  }

  /** Every column but the generated id. */
  private columns() {
    return this.entries.metadata.columns.filter((column) => !column.isGenerated);
  }

  private columnList(): string {
    return this.columns()
      .map((column) => `\`${column.databaseName}\``)
      .join(', ');
  }

  private hydrate(row: Record<string, unknown>): LoginAudit {
    const driver = this.entries.manager.connection.driver;
    const entry = this.entries.create();
    for (const column of this.columns()) {
      column.setEntityValue(entry, driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return entry;
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, AUDIT_BATCH_SIZE);
      try {
        await this.insert(batch);
      } catch (error) {
        this.pending.unshift(...batch);
        this.logger.warn(
          { pending: this.pending.length, reason: (error as Error).message },
          'Audit entries could not be written; retrying',
        );
        return;
      }
    }
  }

  private async applyRetention(): Promise<void> {
    try {
      const cutoff = new Date(Date.now() - this.retentionDays * DAY_MS);
      await this.entries.delete({ createTime: LessThan(cutoff) });
    } catch (error) {
      this.logger.warn(
        { reason: (error as Error).message },
        'Old audit entries could not be deleted',
      );
    }
  }
}
