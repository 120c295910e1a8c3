import { parseSnowflakeId } from '@app/common';
import {
  AuditEntryRecord,
  CustomerPatterns,
  CustomerRpcErrorCode,
  FindUserByIdRequest,
  FindUserByOpenidRequest,
  FindUserByPhoneRequest,
  FreezeUserRequest,
  UnfreezeUserRequest,
  UserAuditRequest,
  UserRecord,
} from '@app/contracts';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { AuditTrail } from '../audit/audit-trail.service';
import { MiniPrograms } from './mini-programs';
import { CustomerRpcException } from '../rpc/customer-rpc.exception';
import { RpcController } from '../rpc/rpc-controller.decorator';
import { AccountLifecycle } from './account-lifecycle.service';
import { CommonUser } from './user.entity';
import { toAuditEntryRecord, toUserRecord } from './user-record';
import { UsersService } from './users.service';

const DEFAULT_AUDIT_LIMIT = 50;

function userId(id: string): bigint {
  try {
    return parseSnowflakeId(id);
  } catch {
    throw new CustomerRpcException({
      code: CustomerRpcErrorCode.INVALID_USER_PAYLOAD,
      message: 'id must be a user id: a decimal string within 64 bits',
    });
  }
}

/** The user RPC (user.*) other services call; ids are decimal strings. */
@RpcController()
export class UsersRpcController {
  constructor(
    private readonly users: UsersService,
    private readonly lifecycle: AccountLifecycle,
    private readonly audit: AuditTrail,
    private readonly miniPrograms: MiniPrograms,
  ) {}

  @MessagePattern(CustomerPatterns.USER_FIND_BY_ID)
  async findById(@Payload() request: FindUserByIdRequest): Promise<UserRecord> {
    return this.record(await this.users.findById(userId(request.id)), request.id);
  }

  /** null when no user has this openid in that mini-program. */
  @MessagePattern(CustomerPatterns.USER_FIND_BY_OPENID)
  async findByOpenid(@Payload() request: FindUserByOpenidRequest): Promise<UserRecord | null> {
    const appid = request.appid ?? this.miniPrograms.defaultAppid;
    const user = await this.users.findByIdentity(appid, request.openid);
    return user ? this.record(user, user.id.toString()) : null;
  }

  /** Every live user with this phone (one, unless PHONE_UNIQUE=false). */
  @MessagePattern(CustomerPatterns.USER_FIND_BY_PHONE)
  async findByPhone(@Payload() request: FindUserByPhoneRequest): Promise<UserRecord[]> {
    const users = await this.users.findByPhone(request.phone);
    return Promise.all(users.map((user) => this.record(user, user.id.toString())));
  }

  @MessagePattern(CustomerPatterns.USER_FREEZE)
  async freeze(@Payload() request: FreezeUserRequest): Promise<UserRecord> {
    return this.record(await this.lifecycle.freeze(userId(request.id), request.reason), request.id);
  }

  @MessagePattern(CustomerPatterns.USER_UNFREEZE)
  async unfreeze(@Payload() request: UnfreezeUserRequest): Promise<UserRecord> {
    return this.record(await this.lifecycle.unfreeze(userId(request.id)), request.id);
  }

  /** Newest first; entries still queued are written first, so the answer includes them. */
  @MessagePattern(CustomerPatterns.USER_AUDIT)
  async auditTrail(@Payload() request: UserAuditRequest): Promise<AuditEntryRecord[]> {
    const id = userId(request.id);
    await this.audit.flush();
    const entries = await this.audit.forUser(id, request.limit ?? DEFAULT_AUDIT_LIMIT);
    return entries.map(toAuditEntryRecord);
  }

  private async record(user: CommonUser | null, id: string): Promise<UserRecord> {
    if (!user) throw CustomerRpcException.userNotFound(id);
    return toUserRecord(user, await this.users.identitiesOf(user.id));
  }
}
