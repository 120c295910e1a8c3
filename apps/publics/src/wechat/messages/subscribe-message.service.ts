import { SubscribeMessageRequest, SubscribeMessageResult } from '@app/contracts';
import { Injectable } from '@nestjs/common';

import { AccessTokenService } from '../access-token/access-token.service';
import { WechatApp } from '../apps/wechat-apps';
import { WechatClient, WechatSubscribeMessage } from '../wechat.client';
import { WechatCaller } from '../wechat-call';

/** Sends subscribe messages (never retried on -1: WeChat may have sent it already). */
@Injectable()
export class SubscribeMessageService {
  constructor(
    private readonly client: WechatClient,
    private readonly caller: WechatCaller,
    private readonly tokens: AccessTokenService,
  ) {}

  async send(app: WechatApp, request: SubscribeMessageRequest): Promise<SubscribeMessageResult> {
    const message: WechatSubscribeMessage = {
      touser: request.openid,
      template_id: request.templateId,
      data: request.data,
      ...(request.page !== undefined && { page: request.page }),
      ...(request.state !== undefined && { miniprogram_state: request.state }),
    };
    await this.caller.call('subscribe_send', () =>
      this.tokens.withToken(app, (token) => this.client.sendSubscribeMessage(token, message)),
    );
    return { sent: true, appid: app.appid };
  }
}
