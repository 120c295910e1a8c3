import { Module } from '@nestjs/common';

import { AccessTokenStore } from './access-tokens/access-token.store';
import { ApiGate } from './access-tokens/api-gate';
import { StableTokenController } from './access-tokens/stable-token.controller';
import { CodeStore } from './code-store';
import { ContentRules } from './content/content-rules';
import { MsgSecCheckController } from './content/msg-sec-check.controller';
import { FaultStore } from './faults/fault.store';
import { GatewaySteeringController } from './gateway-steering.controller';
import { Jscode2SessionRoute } from './jscode2session.route';
import { Jscode2SessionService } from './jscode2session.service';
import { SubscribeSendController } from './messages/subscribe-send.controller';
import { SubscriptionStore } from './messages/subscription.store';
import { PhoneCodeStore } from './phone/phone-code.store';
import { PhoneNumberController } from './phone/phone-number.controller';
import { SandboxClock } from './sandbox-clock';
import { SandboxController } from './sandbox.controller';
import { SandboxCredentials } from './sandbox-credentials';
import { CheckSessionController } from './sessions/check-session.controller';
import { SessionStore } from './sessions/session.store';

@Module({
  controllers: [
    SandboxController,
    GatewaySteeringController,
    StableTokenController,
    PhoneNumberController,
    CheckSessionController,
    SubscribeSendController,
    MsgSecCheckController,
  ],
  providers: [
    CodeStore,
    Jscode2SessionService,
    Jscode2SessionRoute,
    SandboxCredentials,
    SessionStore,
    AccessTokenStore,
    ApiGate,
    FaultStore,
    PhoneCodeStore,
    SubscriptionStore,
    ContentRules,
    // A factory, not a class provider: the clock's constructor takes a function Nest cannot inject.
    { provide: SandboxClock, useFactory: () => new SandboxClock() },
  ],
})
export class SandboxModule {}
