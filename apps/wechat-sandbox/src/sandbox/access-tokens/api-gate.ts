import { Injectable } from '@nestjs/common';

import { FaultStore, SandboxApi } from '../faults/fault.store';
import { WechatErrorAnswer, wechatError } from '../wechat-answers';
import { AccessTokenStore } from './access-token.store';

/** What every token-carrying endpoint checks first: the token, then an injected fault. */
@Injectable()
export class ApiGate {
  constructor(
    private readonly tokens: AccessTokenStore,
    private readonly faults: FaultStore,
  ) {}

  /** The app the call is made for, or the error WeChat answers instead. */
  async open(
    api: SandboxApi,
    accessToken: unknown,
  ): Promise<{ appid: string } | WechatErrorAnswer> {
    const check = this.tokens.check(typeof accessToken === 'string' ? accessToken : undefined);
    if ('errcode' in check) return wechatError(check.errcode);
    const injected = await this.faults.apply(api);
    return injected === undefined ? check : wechatError(injected);
  }
}
