import { Injectable } from '@nestjs/common';

import { PublicsClient } from '../publics/publics.client';
import { assertMayUseAccount } from '../users/account-state';
import { UsersService } from '../users/users.service';
import { LoginDto } from './dto/login.dto';
import { LoginResponseDto, UserProfileDto } from './dto/login-response.dto';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly publics: PublicsClient,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  /** requestId: the HTTP request's id, passed on so publics logs the exchange under it. */
  async login(request: LoginDto, requestId?: string): Promise<LoginResponseDto> {
    const identity = await this.publics.code2session(request.code, requestId);
    const user = await this.users.findOrCreateByWechat(identity, {
      nickname: request.nickname,
      avatar: request.avatar,
    });
    assertMayUseAccount(user);
    return { token: this.tokens.issue(user), user: UserProfileDto.from(user) };
  }
}
