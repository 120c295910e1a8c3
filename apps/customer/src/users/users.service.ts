import { randomInt } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityMetadata, ObjectLiteral, Repository } from 'typeorm';

import { CustomerConfig } from '../config/customer.env';
import { isUniqueViolation } from '../database/database-errors';
import { DirectRead, directRead } from '../database/direct-reads';
import { IdGenerator } from '../ids/id-generator';
import { MetricsService } from '../metrics/metrics.service';
import { PhoneTakenException } from './phone-taken';
import { CommonUser } from './user.entity';
import { UserIdentity } from './user-identity.entity';
import { UserStatus } from './user-status';
import { WechatLogin } from './wechat-login';

export const DEFAULT_NICKNAME_PREFIX = '普通用户';

/** A phone number as customer stores it, as WeChat gave it for a getPhoneNumber code. */
export interface VerifiedPhone {
  /** WeChat's purePhoneNumber: digits, without the country code. */
  phone: string;
  countryCode: string;
}

export interface NewUserProfile {
  nickname?: string;
  avatar?: string;
  /** Bound as the user is created, in the same INSERT (claimed there while PHONE_UNIQUE is true). */
  phone?: VerifiedPhone;
}

export interface LoginResolution {
  user: CommonUser;
  created: boolean;
}

/** "普通用户" followed by 5 random digits, as the seed project named new users. */
export function defaultNickname(): string {
  return DEFAULT_NICKNAME_PREFIX + randomInt(0, 100000).toString().padStart(5, '0');
}

/**
 * How often a first login looks again after losing a race (another login
 * created the user or the identity between our read and our write).
 */
const LOGIN_ATTEMPTS = 4;

/**
 * The INSERT of every column of an entity, written once: TypeORM's insert builder makes the
 * statement anew on each call (and reads generated values back, which these tables have none of).
 */
function insertStatement(metadata: EntityMetadata): string {
  const names = metadata.columns.map((column) => `\`${column.databaseName}\``);
  const placeholders = metadata.columns.map(() => '?').join(', ');
  return `INSERT INTO \`${metadata.tableName}\` (${names.join(', ')}) VALUES (${placeholders})`;
}

/** The only place that reads or writes common_user and common_user_identity. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  /**
   * The statements every login and every authenticated request run, as SQL
   * written once: TypeORM's find and insert builders make the same statement
   * anew on each call, ≈ 10 % of customer's CPU per login. Values go through
   * the entity's metadata both ways, so column transformers (bigint ids) and
   * the driver's date handling still apply.
   */
  private readonly selectByOpenId: string;
  private readonly selectByUnionId: string;
  private readonly selectById: string;
  private readonly selectByIdentity: string;
  private readonly insertUser: string;
  private readonly insertIdentity: string;
  private readonly read: DirectRead;
  /** PHONE_UNIQUE: a bound number is claimed (common_user.phone_claim, unique). */
  private readonly uniquePhones: boolean;

  constructor(
    @InjectRepository(CommonUser) private readonly users: Repository<CommonUser>,
    @InjectRepository(UserIdentity) private readonly identities: Repository<UserIdentity>,
    private readonly ids: IdGenerator,
    private readonly metrics: MetricsService,
    config: ConfigService<CustomerConfig, true>,
  ) {
    this.uniquePhones = config.get('PHONE_UNIQUE', { infer: true });
    const { metadata } = users;
    this.read = directRead(users.manager.connection);
    const names = metadata.columns.map((column) => `\`${column.databaseName}\``);
    const select = `SELECT ${names.join(', ')} FROM \`${metadata.tableName}\` WHERE`;
    this.selectByOpenId = `${select} \`open_id\` = ? LIMIT 1`;
    this.selectByUnionId = `${select} \`union_id\` = ? LIMIT 1`;
    this.selectById = `${select} \`id\` = ? LIMIT 1`;
    this.selectByIdentity =
      `SELECT ${names.map((name) => `u.${name}`).join(', ')}, i.\`unionid\` AS \`identity_unionid\`` +
      ` FROM \`common_user_identity\` i JOIN \`${metadata.tableName}\` u ON u.\`id\` = i.\`user_id\`` +
      ' WHERE i.`appid` = ? AND i.`openid` = ? LIMIT 1';
    this.insertUser = insertStatement(metadata);
    this.insertIdentity = insertStatement(identities.metadata);
  }

  async findById(id: bigint): Promise<CommonUser | null> {
    return this.first(await this.read(this.selectById, [id]));
  }

  /** The user whose common_user.open_id is this openid (the seed's column: the user's first identity). */
  async findByOpenId(openId: string): Promise<CommonUser | null> {
    return this.first(await this.read(this.selectByOpenId, [openId]));
  }

  /** The user of this mini-program's openid, or a user from before identities with this open_id. */
  async findByIdentity(appid: string, openid: string): Promise<CommonUser | null> {
    const user = this.first(await this.read(this.selectByIdentity, [appid, openid]));
    return user ?? this.findLegacy(openid);
  }

  /**
   * A user from before identities existed (today's and the seed's rows, or one
   * whose first login stopped between its two inserts): open_id is this
   * openid and no identity row is theirs yet.
   */
  private async findLegacy(openid: string): Promise<CommonUser | null> {
    const user = await this.findByOpenId(openid);
    if (!user) return null;
    const identities = await this.identities.count({ where: { userId: user.id } });
    return identities === 0 ? user : null;
  }

  /** Live users whose bound phone is this number. */
  async findByPhone(phone: string): Promise<CommonUser[]> {
    return this.users.find({ where: { phone, isDeleted: 0 }, order: { id: 'ASC' } });
  }

  identitiesOf(userId: bigint): Promise<UserIdentity[]> {
    return this.identities.find({ where: { userId }, order: { createTime: 'ASC' } });
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

  /** A live user other than `exceptId` whose bound phone is this number. */
  async findOtherPhoneHolder(phone: string, exceptId?: bigint): Promise<CommonUser | null> {
    const holders = await this.findByPhone(phone);
    return holders.find((holder) => holder.id !== exceptId) ?? null;
  }

  /**
   * Binds (or replaces) the user's phone: WeChat's purePhoneNumber and its countryCode.
   * While PHONE_UNIQUE is true the same UPDATE claims the number and releases the one it
   * replaces; a number another user claimed first is 409 PHONE_TAKEN, nothing written.
   */
  async setPhone(user: CommonUser, phone: VerifiedPhone): Promise<CommonUser> {
    const update: Partial<CommonUser> = {
      phone: phone.phone,
      phoneCountryCode: phone.countryCode,
      phoneClaim: this.claimOf(phone),
      updateTime: new Date(),
    };
    try {
      await this.users.update({ id: user.id }, update);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PhoneTakenException();
      throw error;
    }
    return Object.assign(user, update);
  }

  /** Every token the user holds stops working (logout). */
  async revokeTokens(userId: bigint): Promise<void> {
    await this.users
      .createQueryBuilder()
      .update()
      .set({ tokenVersion: () => '`token_version` + 1', updateTime: new Date() })
      .where('id = :id', { id: userId.toString() })
      .execute();
  }

  /** Freezes the user with a reason and revokes their tokens; null when there is no such user. */
  async freeze(id: bigint, reason: string): Promise<CommonUser | null> {
    await this.users
      .createQueryBuilder()
      .update()
      .set({
        status: UserStatus.Frozen,
        accountLockReason: reason,
        tokenVersion: () => '`token_version` + 1',
        updateTime: new Date(),
      })
      .where('id = :id', { id: id.toString() })
      .execute();
    return this.findById(id);
  }

  /** Lifts a freeze; tokens it revoked stay revoked. null when there is no such user. */
  async unfreeze(id: bigint): Promise<CommonUser | null> {
    await this.users.update(
      { id },
      { status: UserStatus.Normal, accountLockReason: null, updateTime: new Date() },
    );
    return this.findById(id);
  }

  /**
   * Deletion (注销): every personal field erased, the WeChat ids out of the
   * unique indexes and the identities gone, so the same WeChat user later
   * starts a new, empty account; the row stays with is_deleted = 1 for the
   * seed's queries, and every token is revoked.
   */
  async erase(userId: bigint): Promise<void> {
    await this.users
      .createQueryBuilder()
      .update()
      .set({
        nickname: null,
        avatar: null,
        phone: null,
        phoneCountryCode: null,
        phoneClaim: null,
        openId: null,
        unionId: null,
        accountLockReason: null,
        isDeleted: 1,
        tokenVersion: () => '`token_version` + 1',
        updateTime: new Date(),
      })
      .where('id = :id', { id: userId.toString() })
      .execute();
    await this.identities.delete({ userId });
  }

  /**
   * The user of this WeChat identity, created on first login; an existing user
   * is returned unchanged (but for a unionid WeChat gives now and did not
   * before). A new openid whose unionid already belongs to a user joins that
   * user. Race-free across instances without transactions: the unique indexes
   * (identity (appid, openid), common_user open_id and union_id) refuse the
   * loser of a race, which then looks again and finds the winner's rows. A new
   * user is inserted with `profile.phone` and its claim (PHONE_UNIQUE; the
   * caller checked the number just before), so a number another user claimed
   * in the meantime refuses the insert: looking again, this login finds the
   * number claimed and fails with 409 PHONE_TAKEN, having written nothing.
   */
  async findOrCreateByWechat(
    login: WechatLogin,
    profile: NewUserProfile,
  ): Promise<LoginResolution> {
    for (let attempt = 1; ; attempt += 1) {
      const resolved = await this.resolveOnce(login, profile, attempt > 1);
      if (resolved) return resolved;
      if (attempt >= LOGIN_ATTEMPTS) {
        throw new Error(`The login of one identity kept racing after ${attempt} attempts`);
      }
    }
  }

  /**
   * One look and at most one write; null when a concurrent login won a race and we must look again.
   * `lostRace`: the last look lost one, perhaps for the new user's phone (see findOrCreateByWechat).
   */
  private async resolveOnce(
    login: WechatLogin,
    profile: NewUserProfile,
    lostRace: boolean,
  ): Promise<LoginResolution | null> {
    const rows = await this.read(this.selectByIdentity, [login.appid, login.openid]);
    if (rows.length > 0) {
      const user = this.hydrate(rows[0]);
      if (user.isDeleted !== 0 && user.openId === null) {
        // Left behind by a deletion that stopped half-way: the identity belongs to no one.
        await this.identities.delete({ appid: login.appid, openid: login.openid, userId: user.id });
        return null;
      }
      if (login.unionid && rows[0].identity_unionid == null) {
        await this.fillUnionId(user, login);
      }
      return { user, created: false };
    }

    // A user from before identities (today's and the seed's rows) has the openid in common_user.
    const legacy = await this.findLegacy(login.openid);
    if (legacy) {
      if (legacy.isDeleted === 0 && !(await this.addIdentity(legacy, login))) return null;
      if (login.unionid && legacy.unionId === null) await this.fillUnionId(legacy, login);
      return { user: legacy, created: false };
    }

    if (login.unionid) {
      const sibling = await this.first(await this.read(this.selectByUnionId, [login.unionid]));
      if (sibling) {
        if (sibling.isDeleted === 0 && !(await this.addIdentity(sibling, login))) return null;
        return { user: sibling, created: false };
      }
    }
    // Still nobody's user: a claim on the number is another person's.
    if (lostRace && profile.phone && (await this.isClaimed(profile.phone))) {
      throw new PhoneTakenException();
    }
    return this.create(login, profile);
  }

  private async create(
    login: WechatLogin,
    profile: NewUserProfile,
  ): Promise<LoginResolution | null> {
    const now = new Date();
    const user = this.users.create({
      id: this.ids.nextId(),
      status: UserStatus.Normal,
      nickname: profile.nickname ?? defaultNickname(),
      phone: profile.phone?.phone ?? null,
      phoneCountryCode: profile.phone?.countryCode ?? null,
      phoneClaim: profile.phone ? this.claimOf(profile.phone) : null,
      avatar: profile.avatar ?? null,
      openId: login.openid,
      unionId: login.unionid ?? null,
      accountLockReason: null,
      tokenVersion: 0,
      createTime: now,
      updateTime: now,
      isDeleted: 0,
    });
    try {
      await this.insert(user);
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    if (!(await this.addIdentity(user, login))) {
      // A concurrent login of the same person found our new row by its open_id and
      // recorded the identity for it: the user is ours, created.
      const holder = await this.identities.findOneBy({ appid: login.appid, openid: login.openid });
      if (holder?.userId !== user.id) {
        // Another user took this identity between our read and our insert: ours goes.
        await this.users.delete({ id: user.id });
        return null;
      }
    }
    this.metrics.userCreated();
    return { user, created: true };
  }

  /** false when the (appid, openid) is already someone's. */
  private async addIdentity(user: CommonUser, login: WechatLogin): Promise<boolean> {
    try {
      const identity = Object.assign(new UserIdentity(), {
        appid: login.appid,
        openid: login.openid,
        userId: user.id,
        unionid: login.unionid ?? null,
        createTime: new Date(),
      });
      await this.insertRow(this.identities, this.insertIdentity, identity);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * A unionid WeChat gives now for an identity that had none. The user takes it
   * unless another user holds it already: two users are never merged here.
   */
  private async fillUnionId(user: CommonUser, login: WechatLogin): Promise<void> {
    const unionid = login.unionid ?? null;
    await this.identities
      .createQueryBuilder()
      .update()
      .set({ unionid })
      .where('appid = :appid AND openid = :openid AND unionid IS NULL', login)
      .execute();
    if (user.unionId !== null) return;
    try {
      await this.users
        .createQueryBuilder()
        .update()
        .set({ unionId: unionid })
        .where('id = :id AND union_id IS NULL', { id: user.id.toString() })
        .execute();
      user.unionId = unionid;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      this.logger.warn(
        { userId: user.id.toString(), appid: login.appid },
        'Another user holds the unionid this identity now has; the two users are left apart',
      );
    }
  }

  private claimOf(phone: VerifiedPhone): string | null {
    return this.uniquePhones ? phone.phone : null;
  }

  /** Some user holds the claim on this number (never while PHONE_UNIQUE is false: nobody claims). */
  private async isClaimed(phone: VerifiedPhone): Promise<boolean> {
    const claim = this.claimOf(phone);
    if (claim === null) return false;
    return (await this.users.count({ where: { phoneClaim: claim } })) > 0;
  }

  private first(rows: Record<string, unknown>[]): CommonUser | null {
    return rows.length === 0 ? null : this.hydrate(rows[0]);
  }

  private insert(user: CommonUser): Promise<void> {
    return this.insertRow(this.users, this.insertUser, user);
  }

  /** One row by a statement of insertStatement(), its values through the entity's metadata. */
  private async insertRow<Row extends ObjectLiteral>(
    repository: Repository<Row>,
    sql: string,
    row: Row,
  ): Promise<void> {
    const { metadata, manager } = repository;
    const driver = manager.connection.driver;
    const values = metadata.columns.map((column) =>
      driver.preparePersistentValue(column.getEntityValue(row), column),
    );
    await repository.query(sql, values);
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
