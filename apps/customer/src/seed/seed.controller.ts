import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  Put,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { RequestOrigin } from '../audit/audit-event';
import { AccessTokenGuard, AuthenticatedRequest } from '../auth/access-token.guard';
import { AuthService } from '../auth/auth.service';
import { LoginThrottlerGuard } from '../auth/login-throttler';
import { RouteErrors } from '../errors/route-errors';
import { Origin } from '../http/request-origin.decorator';
import { FinishLogin, FinishLoginTiming, LoginMetricsGuard } from '../metrics/login-metrics';
import { MiniPrograms } from '../users/mini-programs';
import { PhoneBinding } from '../users/phone-binding.service';
import { SeedLoginDto } from './dto/seed-login.dto';
import { SeedPhoneQuery } from './dto/seed-phone.query';
import { SeedEnvelope, seedErrorAnswer, seedOk } from './seed-envelope';
import { SeedBindPhoneDocs, SeedLoginDocs } from './seed.docs';

/**
 * The seed project's routes, for its mini-program unchanged: the native
 * services behind them, the seed's paths and envelope in front (failures too,
 * those of the body parser included: RouteErrors on each route).
 */
@ApiTags('seed mini-program')
@Controller('customer')
export class SeedController {
  constructor(
    private readonly auth: AuthService,
    private readonly phones: PhoneBinding,
    private readonly miniPrograms: MiniPrograms,
  ) {}

  /**
   * The page sends `Authorization: <stored token>` here too, stale or empty:
   * this route has no guard, so it is never read.
   */
  @Post('open/login/common/user')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LoginThrottlerGuard, LoginMetricsGuard)
  @RouteErrors({ answer: seedErrorAnswer, loginAttempt: true })
  @SeedLoginDocs()
  async login(
    @Body() body: SeedLoginDto,
    @Origin() origin: RequestOrigin,
    @FinishLoginTiming() finish: FinishLogin,
  ): Promise<SeedEnvelope<{ token: string }>> {
    const { token } = await this.auth.login({ code: body.code, avatar: body.avatar }, origin);
    finish('success');
    return seedOk({ token });
  }

  /** The seed's phone binding: PUT /users/me/phone in the envelope, `data: null`. */
  @Put('consumer/common-user')
  @HttpCode(HttpStatus.OK)
  @UseGuards(AccessTokenGuard)
  @RouteErrors({ answer: seedErrorAnswer })
  @SeedBindPhoneDocs()
  async bindPhone(
    @Req() request: AuthenticatedRequest,
    @Query() query: SeedPhoneQuery,
    @Origin() origin: RequestOrigin,
  ): Promise<SeedEnvelope<null>> {
    await this.phones.bind(request.user, query.phoneCode, this.miniPrograms.defaultAppid, origin);
    return seedOk(null);
  }
}
