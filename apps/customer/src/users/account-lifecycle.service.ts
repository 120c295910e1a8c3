import { Injectable } from '@nestjs/common';

import { AUDIT_OK, AuditAction, RequestOrigin } from '../audit/audit-event';
import { AuditTrail } from '../audit/audit-trail.service';
import { CommonUser } from './user.entity';
import { UsersService } from './users.service';

/** The changes to an account beyond its profile: deletion, freezing, unfreezing, each audited. */
@Injectable()
export class AccountLifecycle {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditTrail,
  ) {}

  /** 注销: see UsersService.erase. */
  async delete(user: CommonUser, origin: RequestOrigin): Promise<void> {
    await this.users.erase(user.id);
    this.audit.record({
      action: AuditAction.Delete,
      outcome: AUDIT_OK,
      userId: user.id,
      ...origin,
    });
  }

  /** Takes effect on the user's very next request: the user is read on every one. */
  async freeze(id: bigint, reason: string): Promise<CommonUser | null> {
    const user = await this.users.freeze(id, reason);
    if (user) this.audit.record({ action: AuditAction.Freeze, outcome: AUDIT_OK, userId: id });
    return user;
  }

  async unfreeze(id: bigint): Promise<CommonUser | null> {
    const user = await this.users.unfreeze(id);
    if (user) this.audit.record({ action: AuditAction.Unfreeze, outcome: AUDIT_OK, userId: id });
    return user;
  }
}
