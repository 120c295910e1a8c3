import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Post,
  Put,
  Query,
} from '@nestjs/common';

import { AccessTokenStore } from './access-tokens/access-token.store';
import { ContentRules } from './content/content-rules';
import {
  AcceptSubscriptionDto,
  AppDto,
  ContentRulesDto,
  EncryptDataDto,
  ExpireSessionDto,
  InjectFaultDto,
  MintPhoneCodeDto,
} from './dto/gateway-steering.dto';
import { FaultStore } from './faults/fault.store';
import { SentMessage, SubscriptionStore } from './messages/subscription.store';
import { PhoneCodeStore } from './phone/phone-code.store';
import { SandboxClock } from './sandbox-clock';
import { SandboxCredentials } from './sandbox-credentials';
import { SessionStore } from './sessions/session.store';
import { encryptAsWechat } from './sessions/wechat-encryption';

/** The sandbox's default phone number when a test names none. */
const DEFAULT_PHONE = '13800138000';

/**
 * What tests use to play the mini-program's and other systems' parts around
 * the server APIs publics calls with an access token, and to read what the
 * sandbox saw.
 */
@Controller('sandbox')
export class GatewaySteeringController {
  constructor(
    private readonly credentials: SandboxCredentials,
    private readonly tokens: AccessTokenStore,
    private readonly faults: FaultStore,
    private readonly phoneCodes: PhoneCodeStore,
    private readonly sessions: SessionStore,
    private readonly subscriptions: SubscriptionStore,
    private readonly contentRules: ContentRules,
    private readonly clock: SandboxClock,
  ) {}

  /** A getPhoneNumber button code: once, five minutes, for one app. */
  @Post('phone-codes')
  mintPhoneCode(@Body() body: MintPhoneCodeDto): { code: string } {
    const code = this.phoneCodes.mint({
      appid: this.app(body.appid),
      purePhoneNumber: body.purePhoneNumber ?? DEFAULT_PHONE,
      countryCode: body.countryCode ?? '86',
      errcode: body.errcode,
      failures: body.failures,
      delayMs: body.delayMs,
    });
    return { code };
  }

  /** Revokes the app's current access token, as another system's force_refresh would: it answers 40001. */
  @Post('access-tokens/revoke')
  @HttpCode(HttpStatus.OK)
  revokeToken(@Body() body: AppDto): { revoked: boolean } {
    return { revoked: this.tokens.revoke(this.app(body.appid)) };
  }

  /** How many stable_token requests named the app since the sandbox started. */
  @Get('stable-token-requests')
  stableTokenRequests(@Query() query: AppDto): { appid: string; count: number } {
    const appid = this.app(query.appid);
    return { appid, count: this.tokens.requestCount(appid) };
  }

  @Post('faults')
  @HttpCode(HttpStatus.OK)
  injectFault(@Body() body: InjectFaultDto): { api: string } {
    this.faults.set(body.api, body);
    return { api: body.api };
  }

  @Delete('faults')
  @HttpCode(HttpStatus.NO_CONTENT)
  clearFaults(): void {
    this.faults.clear();
  }

  /** Ends the user's session: checksession answers 87009 for any signature. */
  @Post('sessions/expire')
  @HttpCode(HttpStatus.OK)
  expireSession(@Body() body: ExpireSessionDto): { expired: boolean } {
    return { expired: this.sessions.expire(this.app(body.appid), body.openid) };
  }

  /** `data` encrypted with the session_key the user's last login got, as WeChat hands it to the mini-program. */
  @Post('encrypted-data')
  @HttpCode(HttpStatus.OK)
  encryptData(@Body() body: EncryptDataDto): { encryptedData: string; iv: string } {
    const appid = this.app(body.appid);
    const sessionKey = this.sessions.sessionKey(appid, body.openid);
    if (sessionKey === undefined) {
      throw new NotFoundException(`${body.openid} has no session in ${appid}`);
    }
    const watermark = {
      appid: body.watermarkAppid ?? appid,
      timestamp: Math.floor(this.clock.now() / 1000),
    };
    return encryptAsWechat(sessionKey, { ...body.data, watermark });
  }

  @Post('subscriptions')
  acceptSubscription(@Body() body: AcceptSubscriptionDto): { accepted: number } {
    const appid = this.app(body.appid);
    return {
      accepted: this.subscriptions.accept(appid, body.openid, body.templateId, body.count ?? 1),
    };
  }

  @Get('sent-messages')
  sentMessages(@Query() query: AppDto): { messages: SentMessage[] } {
    return { messages: this.subscriptions.sentTo(query.appid) };
  }

  @Put('content-rules')
  setContentRules(@Body() body: ContentRulesDto): ContentRulesDto {
    this.contentRules.replace(body.rules);
    return body;
  }

  private app(appid: string | undefined): string {
    const resolved = appid ?? this.credentials.appid;
    if (!this.credentials.isAppid(resolved)) {
      throw new BadRequestException([`appid ${resolved} is not an app of this sandbox`]);
    }
    return resolved;
  }
}
