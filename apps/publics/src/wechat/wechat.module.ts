import { Module } from '@nestjs/common';

import { WechatClient } from './wechat.client';
import { WechatController } from './wechat.controller';
import { WechatService } from './wechat.service';

@Module({
  controllers: [WechatController],
  providers: [WechatClient, WechatService],
})
export class WechatModule {}
