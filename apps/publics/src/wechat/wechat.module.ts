import { Module } from '@nestjs/common';

import { SharedCodeExchange } from './code-exchange/shared-code-exchange';
import { WechatClient } from './wechat.client';
import { WechatController } from './wechat.controller';
import { WechatService } from './wechat.service';

@Module({
  controllers: [WechatController],
  providers: [WechatClient, WechatService, SharedCodeExchange],
})
export class WechatModule {}
