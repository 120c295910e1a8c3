import { Injectable } from '@nestjs/common';

import { AUDIT_OK, AuditAction, RequestOrigin } from '../audit/audit-event';
import { auditOutcomeOf } from '../audit/audit-outcome';
import { AuditTrail } from '../audit/audit-trail.service';
import { PublicsClient } from '../publics/publics.client';
import { assertMayUseAccount } from '../users/account-state';
import { CommonUser } from '../users/user.entity';
import { NewUserProfile, UsersService, VerifiedPhone } from '../users/users.service';
import { LoginResponseDto, UserProfileDto } from './dto/login-response.dto';
import { MiniPrograms } from '../users/mini-programs';
import { PhoneBinding } from '../users/phone-binding.service';
import { TokenService } from './token.service';

/** What a login needs, whichever route it came through. */
export interface LoginRequest extends NewUserProfile {
  code: string;
  appid?: string;
  /** getPhoneNumber's code: the login binds the phone too, or fails writing nothing. */
  phoneCode?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly publics: PublicsClient,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly miniPrograms: MiniPrograms,
    private readonly phones: PhoneBinding,
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
      const identity = await this.publics.code2session(request.code, origin.requestId, appid);
      openid = identity.openid;
      const login = { appid, openid, unionid: identity.unionid };
      const phone = request.phoneCode
        ? await this.verifiedPhone(request.phoneCode, login.appid, login.openid, origin)
        : undefined;
      const resolution = await this.users.findOrCreateByWechat(login, {
        nickname: request.nickname,
        avatar: request.avatar,
        phone,
      });
      user = resolution.user;
      assertMayUseAccount(user);
      // A new user was inserted with the phone; an existing one binds it now.
      if (phone && !resolution.created) user = await this.users.setPhone(user, phone);
      const response = { token: this.tokens.issue(user), user: UserProfileDto.from(user) };
      this.audit.record({ ...event, outcome: AUDIT_OK, userId: user.id, appid, openid });
      return response;
    } catch (error) {
      this.audit.record({
        ...event,
        outcome: auditOutcomeOf(error),
        userId: user?.id,
        appid: appid ?? request.appid?.slice(0, 64),
        openid,
      });
      throw error;
    }
  }

  /**
   * The phone of a login, checked before anything is written: a refused code or
   * a number another live user holds fails the login and creates no one (and
   * so does a number another login claims at the same instant: see
   * UsersService.findOrCreateByWechat and setPhone).
   */
  private async verifiedPhone(
    phoneCode: string,
    appid: string,
    openid: string,
    origin: RequestOrigin,
  ): Promise<VerifiedPhone> {
    const phone = await this.phones.verify(phoneCode, appid, origin.requestId);
    const existing = await this.users.findByIdentity(appid, openid);
    await this.phones.assertAvailable(phone, existing?.id);
    return phone;
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
