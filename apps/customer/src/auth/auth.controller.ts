import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { RequestOrigin } from '../audit/audit-event';
import { RouteErrors } from '../errors/route-errors';
import { Origin } from '../http/request-origin.decorator';
import { FinishLogin, FinishLoginTiming, LoginMetricsGuard } from '../metrics/login-metrics';
import { AccessTokenGuard, AuthenticatedRequest } from './access-token.guard';
import { LoginDocs, LogoutDocs } from './auth.docs';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler';
import { LoginDto } from './dto/login.dto';
import { LoginResponseDto } from './dto/login-response.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchange a wx.login code for a token, creating the user on first login. */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LoginThrottlerGuard, LoginMetricsGuard)
  @RouteErrors({ loginAttempt: true })
  @LoginDocs()
  async login(
    @Body() body: LoginDto,
    @Origin() origin: RequestOrigin,
    @FinishLoginTiming() finish: FinishLogin,
  ): Promise<LoginResponseDto> {
    const answer = await this.auth.login(body, origin);
    finish('success');
    return answer;
  }

  /** Revoke every token of the signed-in user. */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(AccessTokenGuard)
  @LogoutDocs()
  logout(@Req() request: AuthenticatedRequest, @Origin() origin: RequestOrigin): Promise<void> {
    return this.auth.logout(request.user, origin);
  }
}
