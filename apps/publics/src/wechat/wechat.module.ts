import { Module } from '@nestjs/common';

import { AccessTokenController } from './access-token/access-token.controller';
import { AccessTokenService } from './access-token/access-token.service';
import { SharedTokenStore } from './access-token/shared-token.store';
import { WechatAppRegistry } from './apps/wechat-app.registry';
import { CheckSessionController } from './check-session/check-session.controller';
import { CheckSessionService } from './check-session/check-session.service';
import { TextCheckController } from './content-check/text-check.controller';
import { TextCheckService } from './content-check/text-check.service';
import { DecryptController } from './decrypt/decrypt.controller';
import { DecryptService } from './decrypt/decrypt.service';
import { SubscribeMessageController } from './messages/subscribe-message.controller';
import { SubscribeMessageService } from './messages/subscribe-message.service';
import { PhoneNumberController } from './phone/phone-number.controller';
import { PhoneNumberService } from './phone/phone-number.service';
import { SessionKeyStore } from './session-keys/session-key.store';
import { WechatClient } from './wechat.client';
import { WechatCaller } from './wechat-call';
import { WechatController } from './wechat.controller';
import { WechatService } from './wechat.service';

@Module({
  controllers: [
    WechatController,
    AccessTokenController,
    PhoneNumberController,
    CheckSessionController,
    DecryptController,
    SubscribeMessageController,
    TextCheckController,
  ],
  providers: [
    WechatClient,
    WechatCaller,
    WechatService,
    WechatAppRegistry,
    AccessTokenService,
    SharedTokenStore,
    SessionKeyStore,
    PhoneNumberService,
    CheckSessionService,
    DecryptService,
    SubscribeMessageService,
    TextCheckService,
  ],
})
export class WechatModule {}
