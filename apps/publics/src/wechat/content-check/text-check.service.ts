import {
  CheckTextResult,
  CheckTextScene,
  CheckTextSuggestion,
  PublicsErrorCode,
} from '@app/contracts';
import { Injectable } from '@nestjs/common';

import { PublicsException } from '../../errors/publics.exception';
import { AccessTokenService } from '../access-token/access-token.service';
import { WechatApp } from '../apps/wechat-apps';
import { WechatClient } from '../wechat.client';
import { WechatCaller } from '../wechat-call';
import { contractError } from '../wechat-errors';

const SUGGESTIONS: ReadonlySet<string> = new Set<CheckTextSuggestion>(['pass', 'review', 'risky']);

/** WeChat's content check of a user's text (msg_sec_check version 2). */
@Injectable()
export class TextCheckService {
  constructor(
    private readonly client: WechatClient,
    private readonly caller: WechatCaller,
    private readonly tokens: AccessTokenService,
  ) {}

  async check(
    app: WechatApp,
    openid: string,
    content: string,
    scene: CheckTextScene,
  ): Promise<CheckTextResult> {
    const answer = await this.caller.call('msg_sec_check', () =>
      this.tokens.withToken(app, (token) =>
        this.client.checkText(token, { openid, content, scene, version: 2 }),
      ),
    );
    const suggest = answer.result?.suggest;
    const label = answer.result?.label;
    if (typeof suggest !== 'string' || !SUGGESTIONS.has(suggest) || typeof label !== 'number') {
      throw new PublicsException(
        contractError(
          PublicsErrorCode.WECHAT_UNAVAILABLE,
          'msg_sec_check answered without a verdict',
        ),
      );
    }
    return { suggest: suggest as CheckTextSuggestion, label, appid: app.appid };
  }
}
