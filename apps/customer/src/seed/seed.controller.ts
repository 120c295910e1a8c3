import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { RequestOrigin } from '../audit/audit-event';
import { AuthService } from '../auth/auth.service';
import { LoginThrottlerGuard } from '../auth/login-throttler';
import { Origin } from '../http/request-origin.decorator';
import { LoginMetricsInterceptor } from '../metrics/login-metrics.interceptor';
import { SeedLoginDto } from './dto/seed-login.dto';
import { SeedEnvelope, seedOk } from './seed-envelope';
import { SeedEnvelopeFilter } from './seed-envelope.filter';
import { SeedLoginDocs } from './seed.docs';

/**
 * The seed project's routes, for its mini-program unchanged: the native
 * services behind them, the seed's paths and envelope in front.
 */
@ApiTags('seed mini-program')
@Controller('customer')
@UseFilters(SeedEnvelopeFilter)
export class SeedController {
  constructor(private readonly auth: AuthService) {}

  /**
   * The page sends `Authorization: <stored token>` here too, stale or empty:
   * this route has no guard, so it is never read.
   */
  @Post('open/login/common/user')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LoginThrottlerGuard)
  @UseInterceptors(LoginMetricsInterceptor)
  @SeedLoginDocs()
  async login(
    @Body() body: SeedLoginDto,
    @Origin() origin: RequestOrigin,
  ): Promise<SeedEnvelope<{ token: string }>> {
    const { token } = await this.auth.login({ code: body.code, avatar: body.avatar }, origin);
    return seedOk({ token });
  }
}
