import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import { MAX_WORKER_ID } from '@app/common';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { isUniqueViolation } from '../database/database-errors';
import { WorkerIdLease } from './worker-lease.entity';

export class WorkerIdInUseError extends Error {
  constructor(workerId: number, holder: string, expiresInMs: number) {
    super(
      `WORKER_ID ${workerId} is held by another live instance (${holder}, lease ends in ${Math.ceil(expiresInMs / 1000)} s). ` +
        'Give every instance its own WORKER_ID (0-1023); two instances with one id would make colliding ids.',
    );
    this.name = WorkerIdInUseError.name;
  }
}

export interface LeaseSettings {
  workerId: number;
  ttlMs: number;
}

/**
 * Holds this instance's WORKER_ID in the database for as long as it runs, so a
 * second instance started with the same id refuses to start instead of making
 * colliding ids. The lease is renewed every ttl/3 and released on shutdown; an
 * instance that died frees its id once the lease runs out.
 */
@Injectable()
export class WorkerLeaseService implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerLeaseService.name);
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private validUntil = 0;
  private renewTimer?: NodeJS.Timeout;
  private settings?: LeaseSettings;

  constructor(
    @InjectRepository(WorkerIdLease) private readonly leases: Repository<WorkerIdLease>,
  ) {}

  /** Takes the lease or throws WorkerIdInUseError; then keeps it renewed. */
  async acquire(settings: LeaseSettings, now = Date.now()): Promise<void> {
    if (!(await this.tryTake(settings.workerId, settings.ttlMs, now))) {
      const holder = await this.leases.findOneBy({ workerId: settings.workerId });
      throw new WorkerIdInUseError(
        settings.workerId,
        holder?.owner ?? 'unknown',
        Number(holder?.expiresAt ?? 0n) - now,
      );
    }
    this.hold(settings, now);
  }

  /**
   * WORKER_ID=auto: takes the lowest id no live instance holds, then keeps it
   * renewed. Instances starting together each try the free ids in order; the
   * primary key lets one win each id, and the losers move on to the next.
   */
  async acquireLowestFree(ttlMs: number): Promise<number> {
    const now = Date.now();
    const held = await this.leases
      .createQueryBuilder('lease')
      .select('lease.worker_id', 'workerId')
      .where('lease.expires_at >= :now', { now: String(now) })
      .getRawMany<{ workerId: number | string }>();
    const live = new Set(held.map((row) => Number(row.workerId)));
    for (let workerId = 0; workerId <= MAX_WORKER_ID; workerId += 1) {
      if (live.has(workerId)) continue;
      // Each try on the clock of its own moment: a slow start must not shorten the lease.
      const tryAt = Date.now();
      if (await this.tryTake(workerId, ttlMs, tryAt)) {
        this.hold({ workerId, ttlMs }, tryAt);
        return workerId;
      }
    }
    throw new Error(
      `WORKER_ID=auto: all ${MAX_WORKER_ID + 1} worker ids are held by live instances`,
    );
  }

  /** One atomic claim of one id: a new row, or a row whose lease ran out (or is already ours). */
  private async tryTake(workerId: number, ttlMs: number, now: number): Promise<boolean> {
    const expiresAt = BigInt(now + ttlMs);
    try {
      await this.leases.insert({ workerId, owner: this.owner, expiresAt });
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const taken = await this.leases
      .createQueryBuilder()
      .update()
      .set({ owner: this.owner, expiresAt })
      .where('worker_id = :workerId AND (expires_at < :now OR owner = :owner)', {
        workerId,
        now: String(now),
        owner: this.owner,
      })
      .execute();
    return taken.affected === 1;
  }

  private hold(settings: LeaseSettings, now: number): void {
    this.settings = settings;
    this.validUntil = now + settings.ttlMs;
    this.renewTimer = setInterval(
      () => void this.renew(),
      Math.max(100, Math.floor(settings.ttlMs / 3)),
    );
    this.renewTimer.unref();
    this.logger.log(
      { workerId: settings.workerId, owner: this.owner },
      'Holding the snowflake WORKER_ID lease',
    );
  }

  /** True while the lease is surely ours: ids may be made. */
  isHeld(now = Date.now()): boolean {
    return now < this.validUntil;
  }

  private async renew(): Promise<void> {
    if (!this.settings) return;
    const now = Date.now();
    try {
      const renewed = await this.leases
        .createQueryBuilder()
        .update()
        .set({ expiresAt: BigInt(now + this.settings.ttlMs) })
        .where('worker_id = :workerId AND owner = :owner', {
          workerId: this.settings.workerId,
          owner: this.owner,
        })
        .execute();
      if (renewed.affected === 1) {
        this.validUntil = now + this.settings.ttlMs;
      } else {
        this.validUntil = 0;
        this.logger.error(
          { workerId: this.settings.workerId },
          'Lost the WORKER_ID lease to another instance; no new users until restart',
        );
      }
    } catch (error) {
      this.logger.warn(
        { reason: (error as Error).message },
        'Could not renew the WORKER_ID lease; retrying',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.renewTimer);
    if (!this.settings || this.validUntil === 0) return;
    this.validUntil = 0;
    try {
      await this.leases.delete({ workerId: this.settings.workerId, owner: this.owner });
    } catch (error) {
      this.logger.warn(
        { reason: (error as Error).message },
        'Could not release the WORKER_ID lease; it runs out by itself',
      );
    }
  }
}
