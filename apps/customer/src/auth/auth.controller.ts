import { PublicsErrorCode } from '@app/contracts';
import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiGatewayTimeoutResponse,
  ApiInternalServerErrorResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';

import { errorResponse } from '../docs/error-responses';
import { CustomerErrorCode } from '../errors/app.exception';
import { RequestId } from '../http/request-id.decorator';
import {
  FinishLogin,
  FinishLoginTiming,
  LoginMetricsFilter,
  LoginMetricsGuard,
} from '../metrics/login-metrics';
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
  @UseFilters(LoginMetricsFilter)
  @ApiOperation({
    summary: 'Log in with a wx.login code',
    description:
      "Exchanges the code for the user's WeChat identity, finds or creates the user and answers " +
      'a signed token. No failed login writes a row.',
  })
  @ApiOkResponse({ type: LoginResponseDto, description: 'The token and the user.' })
  @ApiBadRequestResponse(
    errorResponse({
      [CustomerErrorCode.VALIDATION_FAILED]:
        'the body breaks a rule of `LoginDto` or has unknown fields; the message names the fields',
      [CustomerErrorCode.MALFORMED_JSON]: 'the body is not JSON',
    }),
  )
  @ApiUnauthorizedResponse(
    errorResponse({
      [PublicsErrorCode.INVALID_LOGIN_CODE]:
        'the code is unknown, expired or already used (WeChat 40029, 40163)',
    }),
  )
  @ApiForbiddenResponse(
    errorResponse({
      [CustomerErrorCode.ACCOUNT_FROZEN]:
        'the user is frozen; the message carries the stored lock reason',
      [CustomerErrorCode.ACCOUNT_DELETED]: 'the user is marked deleted',
      [PublicsErrorCode.WECHAT_USER_BLOCKED]: 'WeChat blocks the user (40226)',
    }),
  )
  @ApiPayloadTooLargeResponse(
    errorResponse({ [CustomerErrorCode.PAYLOAD_TOO_LARGE]: 'the body is over 16 KiB' }),
  )
  @ApiUnsupportedMediaTypeResponse(
    errorResponse({
      [CustomerErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'the body is not `application/json`',
    }),
  )
  @ApiTooManyRequestsResponse(
    errorResponse(
      {
        [CustomerErrorCode.TOO_MANY_REQUESTS]:
          'too many logins from this client IP or with this code; retry after `Retry-After`',
        [PublicsErrorCode.WECHAT_RATE_LIMITED]: 'WeChat rate-limits the mini-program (45011)',
      },
      {
        'Retry-After': {
          description: 'Seconds to wait (with `TOO_MANY_REQUESTS`).',
          schema: { type: 'integer', minimum: 1 },
        },
      },
    ),
  )
  @ApiInternalServerErrorResponse(
    errorResponse({
      [CustomerErrorCode.INTERNAL_ERROR]:
        'a bug; the message carries an error id that is in the log',
    }),
  )
  @ApiBadGatewayResponse(
    errorResponse({
      [PublicsErrorCode.WECHAT_MISCONFIGURED]:
        "publics' appid or secret is wrong (WeChat 40013, 40125, 41002, 41004)",
      [PublicsErrorCode.WECHAT_ERROR]: 'any other WeChat errcode (the message carries it)',
      [CustomerErrorCode.UPSTREAM_ERROR]: 'publics failed internally',
    }),
  )
  @ApiServiceUnavailableResponse(
    errorResponse({
      [PublicsErrorCode.WECHAT_UNAVAILABLE]:
        'WeChat busy twice (-1), too slow, unreachable or answering garbage',
      [CustomerErrorCode.PUBLICS_UNAVAILABLE]: 'publics cannot be reached',
      [CustomerErrorCode.DATABASE_UNAVAILABLE]: 'the user database is unreachable',
      [CustomerErrorCode.ID_GENERATOR_UNAVAILABLE]:
        'this instance lost its worker id lease and cannot create users (returning users still log in)',
    }),
  )
  @ApiGatewayTimeoutResponse(
    errorResponse({
      [CustomerErrorCode.PUBLICS_TIMEOUT]: 'publics did not answer within `RPC_TIMEOUT_MS`',
    }),
  )
  async login(
    @Body() body: LoginDto,
    @RequestId() requestId: string | undefined,
    @FinishLoginTiming() finish: FinishLogin,
  ): Promise<LoginResponseDto> {
    const answer = await this.auth.login(body, requestId);
    finish('success');
    return answer;
  }
}
