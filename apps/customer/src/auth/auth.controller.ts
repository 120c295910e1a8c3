import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';

import { LoginMetricsInterceptor } from '../metrics/login-metrics.interceptor';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler';
import { LoginDto } from './dto/login.dto';
import { LoginResponseDto } from './dto/login-response.dto';

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchange a wx.login code for a token, creating the user on first login. */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LoginThrottlerGuard)
  @UseInterceptors(LoginMetricsInterceptor)
  login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(body);
  }
}
