import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import { CommonUser } from '../users/user.entity';

/** userType of a mini-program customer, as the seed project's tokens carry it. */
export const MINI_PROGRAM_USER_TYPE = 1;

export interface AccessTokenClaims {
  sub: string;
  nickname: string;
  avatar: string | null;
  userType: number;
}

@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  /** A signed token for the user; iat, exp and iss come from the JWT module's settings. */
  issue(user: CommonUser): string {
    const claims: AccessTokenClaims = {
      sub: user.id.toString(),
      nickname: user.nickname ?? '',
      avatar: user.avatar,
      userType: MINI_PROGRAM_USER_TYPE,
    };
    return this.jwt.sign(claims);
  }
}
