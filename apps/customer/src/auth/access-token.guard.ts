import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { CommonUser } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { assertMayUseAccount, isCurrentTokenVersion } from '../users/account-state';
import { TokenService } from './token.service';

export interface AuthenticatedRequest extends FastifyRequest {
  user: CommonUser;
}

/** `Authorization: Bearer <jwt>`, or the bare token as the seed's mini-program sends it. */
export function tokenFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = header.trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(value);
  if (bearer) return bearer[1];
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value) ? value : undefined;
}

/**
 * Lets a request through with a valid, unrevoked token of a user who may still
 * use the account: the user is read on every request, so freezing, logout and
 * deletion take effect at once.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = tokenFrom(request.headers.authorization);
    if (!token) {
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        CustomerErrorCode.INVALID_TOKEN,
        'A bearer token is required',
      );
    }
    const { userId, claims } = this.tokens.verify(token);
    const user = await this.users.findById(userId);
    if (!user) {
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        CustomerErrorCode.INVALID_TOKEN,
        'The user of this token does not exist',
      );
    }
    assertMayUseAccount(user);
    if (!isCurrentTokenVersion(user, claims.ver)) {
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        CustomerErrorCode.INVALID_TOKEN,
        'The token has been revoked; log in again',
      );
    }
    request.user = user;
    return true;
  }
}
