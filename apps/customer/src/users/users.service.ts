import { randomInt } from 'node:crypto';

import { Code2SessionResult } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { isUniqueViolation } from '../database/database-errors';
import { IdGenerator } from '../ids/id-generator';
import { MetricsService } from '../metrics/metrics.service';
import { CommonUser } from './user.entity';
import { UserStatus } from './user-status';

export const DEFAULT_NICKNAME_PREFIX = '普通用户';

export interface NewUserProfile {
  nickname?: string;
  avatar?: string;
}

/** "普通用户" followed by 5 random digits, as the seed project named new users. */
export function defaultNickname(): string {
  return DEFAULT_NICKNAME_PREFIX + randomInt(0, 100000).toString().padStart(5, '0');
}

/** The only place that reads or writes common_user. */
@Injectable()
export class UsersService {
  /**
   * The statements every login and every authenticated request run, as SQL
   * written once: TypeORM's find and insert builders make the same statement
   * anew on each call, ≈ 10 % of customer's CPU per login. Values go through
   * the entity's metadata both ways, so column transformers (bigint ids) and
   * the driver's date handling still apply.
   */
  private readonly selectByOpenId: string;
  private readonly selectById: string;
  private readonly insertUser: string;

  constructor(
    @InjectRepository(CommonUser) private readonly users: Repository<CommonUser>,
    private readonly ids: IdGenerator,
    private readonly metrics: MetricsService,
  ) {
    const { metadata } = users;
    const columns = metadata.columns.map((column) => `\`${column.databaseName}\``).join(', ');
    const select = `SELECT ${columns} FROM \`${metadata.tableName}\` WHERE`;
    this.selectByOpenId = `${select} \`open_id\` = ? LIMIT 1`;
    this.selectById = `${select} \`id\` = ? LIMIT 1`;
    const placeholders = metadata.columns.map(() => '?').join(', ');
    this.insertUser = `INSERT INTO \`${metadata.tableName}\` (${columns}) VALUES (${placeholders})`;
  }

  findById(id: bigint): Promise<CommonUser | null> {
    return this.findOne(this.selectById, id);
  }

  /** Changes the given fields of the user's profile and returns the stored row. */
  async updateProfile(
    user: CommonUser,
    changes: { nickname?: string; avatar?: string | null },
  ): Promise<CommonUser> {
    const update: Partial<CommonUser> = { updateTime: new Date() };
    if (changes.nickname !== undefined) update.nickname = changes.nickname;
    if (changes.avatar !== undefined) update.avatar = changes.avatar;
    await this.users.update({ id: user.id }, update);
    return Object.assign(user, update);
  }

  findByOpenId(openId: string): Promise<CommonUser | null> {
    return this.findOne(this.selectByOpenId, openId);
  }

  /**
   * The user of this WeChat identity, created on first login. An existing user
   * is returned unchanged. Concurrent first logins of one openid (on any
   * instance) end on one row: the unique index refuses the losers, which then
   * read the winner's row.
   */
  async findOrCreateByWechat(
    identity: Code2SessionResult,
    profile: NewUserProfile,
  ): Promise<CommonUser> {
    const existing = await this.findByOpenId(identity.openid);
    if (existing) return existing;

    const now = new Date();
    const user = this.users.create({
      id: this.ids.nextId(),
      status: UserStatus.Normal,
      nickname: profile.nickname ?? defaultNickname(),
      phone: null,
      avatar: profile.avatar ?? null,
      openId: identity.openid,
      unionId: identity.unionid ?? null,
      accountLockReason: null,
      createTime: now,
      updateTime: now,
      isDeleted: 0,
    });
    try {
      await this.insert(user);
      this.metrics.userCreated();
      return user;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findByOpenId(identity.openid);
      if (!winner) throw error;
      return winner;
    }
  }

  private async findOne(sql: string, parameter: string | bigint): Promise<CommonUser | null> {
    const rows = (await this.users.query(sql, [parameter])) as Record<string, unknown>[];
    return rows.length === 0 ? null : this.hydrate(rows[0]);
  }

  private async insert(user: CommonUser): Promise<void> {
    const { metadata, manager } = this.users;
    const driver = manager.connection.driver;
    const values = metadata.columns.map((column) =>
      driver.preparePersistentValue(column.getEntityValue(user), column),
    );
    await this.users.query(this.insertUser, values);
  }

  private hydrate(row: Record<string, unknown>): CommonUser {
    const { metadata, manager } = this.users;
    const driver = manager.connection.driver;
    const user = this.users.create();
    for (const column of metadata.columns) {
      column.setEntityValue(user, driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return user;
  }
}
