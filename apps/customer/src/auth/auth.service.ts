import { HttpStatus, Injectable } from '@nestjs/common';

import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { PublicsClient } from '../publics/publics.client';
import { CommonUser } from '../users/user.entity';
import { UserStatus } from '../users/user-status';
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

  async login(request: LoginDto): Promise<LoginResponseDto> {
    const identity = await this.publics.code2session(request.code);
    const user = await this.users.findOrCreateByWechat(identity, {
      nickname: request.nickname,
      avatar: request.avatar,
    });
    this.assertMayLogIn(user);
    return { token: this.tokens.issue(user), user: UserProfileDto.from(user) };
  }

  private assertMayLogIn(user: CommonUser): void {
    if (user.isDeleted !== 0) {
      throw new AppException(
        HttpStatus.FORBIDDEN,
        CustomerErrorCode.ACCOUNT_DELETED,
        'This account has been deleted',
      );
    }
    if (user.status === UserStatus.Frozen) {
      const reason = user.accountLockReason?.trim() || 'no reason given';
      throw new AppException(
        HttpStatus.FORBIDDEN,
        CustomerErrorCode.ACCOUNT_FROZEN,
        `This account is frozen: ${reason}`,
      );
    }
  }
}
