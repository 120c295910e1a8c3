import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { RequestId } from '../http/request-id.decorator';
import { LoginMetricsInterceptor } from '../metrics/login-metrics.interceptor';
import { LoginDocs } from './auth.docs';
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
  @UseGuards(LoginThrottlerGuard)
  @UseInterceptors(LoginMetricsInterceptor)
  @LoginDocs()
  login(
    @Body() body: LoginDto,
    @RequestId() requestId: string | undefined,
  ): Promise<LoginResponseDto> {
    return this.auth.login(body, requestId);
  }
}
