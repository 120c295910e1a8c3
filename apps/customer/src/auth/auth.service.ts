import { Injectable } from '@nestjs/common';

import { AUDIT_OK, AuditAction, RequestOrigin } from '../audit/audit-event';
import { auditOutcomeOf } from '../audit/audit-outcome';
import { AuditTrail } from '../audit/audit-trail.service';
import { PublicsClient } from '../publics/publics.client';
import { assertMayUseAccount } from '../users/account-state';
import { CommonUser } from '../users/user.entity';
import { NewUserProfile, UsersService } from '../users/users.service';
import { LoginResponseDto, UserProfileDto } from './dto/login-response.dto';
import { MiniPrograms } from '../users/mini-programs';
import { TokenService } from './token.service';

/** What a login needs, whichever route it came through. */
export interface LoginRequest extends NewUserProfile {
  code: string;
  appid?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly publics: PublicsClient,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly miniPrograms: MiniPrograms,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The one login of both presentations (POST /login and the seed's route).
   * Every attempt that gets this far is audited, with the code it failed with.
   */
  async login(request: LoginRequest, origin: RequestOrigin = {}): Promise<LoginResponseDto> {
    const event = { action: AuditAction.Login, ...origin } as const;
    let appid: string | undefined;
    let openid: string | undefined;
    let user: CommonUser | undefined;
    try {
      appid = this.miniPrograms.resolve(request.appid);
      const identity = await this.publics.code2session(request.code, origin.requestId);
      openid = identity.openid;
      ({ user } = await this.users.findOrCreateByWechat(
        { appid, openid, unionid: identity.unionid },
        { nickname: request.nickname, avatar: request.avatar },
      ));
      assertMayUseAccount(user);
      const response = { token: this.tokens.issue(user), user: UserProfileDto.from(user) };
      this.audit.record({ ...event, outcome: AUDIT_OK, userId: user.id, appid, openid });
      return response;
    } catch (error) {
      this.audit.record({
        ...event,
        outcome: auditOutcomeOf(error),
        userId: user?.id,
        appid: appid ?? request.appid?.slice(0, 32),
        openid,
      });
      throw error;
    }
  }

  /** Revokes every token of the user (this one included). */
  async logout(user: CommonUser, origin: RequestOrigin): Promise<void> {
    await this.users.revokeTokens(user.id);
    this.audit.record({
      action: AuditAction.Logout,
      outcome: AUDIT_OK,
      userId: user.id,
      ...origin,
    });
  }
}
