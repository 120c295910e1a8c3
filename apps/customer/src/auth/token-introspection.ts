import { IntrospectResult } from '@app/contracts';
import { Injectable } from '@nestjs/common';

import { AppException } from '../errors/app.exception';
import { isCurrentTokenVersion } from '../users/account-state';
import { UserStatus } from '../users/user-status';
import { UsersService } from '../users/users.service';
import { TokenService } from './token.service';

const INACTIVE: IntrospectResult = { active: false };

/**
 * RFC 7662 for services that verify tokens with the JWKS themselves: the
 * signature, expiry and claims as customer checks them, and then what only
 * the database knows: revoked (logout, freezing, deletion), frozen or deleted.
 */
@Injectable()
export class TokenIntrospection {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {}

  async introspect(token: string): Promise<IntrospectResult> {
    let verified;
    try {
      verified = this.tokens.verify(token);
    } catch (error) {
      if (error instanceof AppException) return INACTIVE;
      throw error;
    }
    const { userId, claims } = verified;
    const user = await this.users.findById(userId);
    if (
      !user ||
      user.isDeleted !== 0 ||
      user.status === UserStatus.Frozen ||
      !isCurrentTokenVersion(user, claims.ver)
    ) {
      return INACTIVE;
    }
    return { active: true, sub: claims.sub, userType: claims.userType, exp: claims.exp };
  }
}
