import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';

import { FaultStore } from '../faults/fault.store';
import { SandboxCredentials } from '../sandbox-credentials';
import { WechatErrorAnswer, wechatError } from '../wechat-answers';
import { AccessTokenStore } from './access-token.store';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * WeChat's `POST /cgi-bin/stable_token`, read as leniently as WeChat reads it
 * (the body is not a class, so the global ValidationPipe leaves it alone).
 */
@Controller('cgi-bin')
export class StableTokenController {
  constructor(
    private readonly tokens: AccessTokenStore,
    private readonly credentials: SandboxCredentials,
    private readonly faults: FaultStore,
  ) {}

  @Post('stable_token')
  @HttpCode(HttpStatus.OK)
  async stableToken(
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<{ access_token: string; expires_in: number } | WechatErrorAnswer> {
    const appid = text(body?.appid);
    const secret = text(body?.secret);
    if (appid !== undefined) this.tokens.countRequest(appid);
    if (appid === undefined) return wechatError(41002);
    if (secret === undefined) return wechatError(41004);
    if (body?.grant_type !== 'client_credential') return wechatError(40002);
    if (!this.credentials.isAppid(appid)) return wechatError(40013);
    if (!this.credentials.isSecretOf(appid, secret)) return wechatError(40125);
    const injected = await this.faults.apply('stable_token');
    if (injected !== undefined) return wechatError(injected);
    const { token, expiresInSeconds } = this.tokens.issue(appid, body?.force_refresh === true);
    return { access_token: token, expires_in: expiresInSeconds };
  }
}
