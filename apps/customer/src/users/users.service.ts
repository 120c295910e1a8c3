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
  constructor(
    @InjectRepository(CommonUser) private readonly users: Repository<CommonUser>,
    private readonly ids: IdGenerator,
    private readonly metrics: MetricsService,
  ) {}

  findById(id: bigint): Promise<CommonUser | null> {
    return this.users.findOne({ where: { id } });
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
    return this.users.findOne({ where: { openId } });
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
      await this.users
        .createQueryBuilder()
        .insert()
        .into(CommonUser)
        .values(user)
        .updateEntity(false)
        .execute();
      this.metrics.userCreated();
      return user;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findByOpenId(identity.openid);
      if (!winner) throw error;
      return winner;
    }
  }
}
