import { Module } from '@nestjs/common';

import { CodeStore } from './code-store';
import { Jscode2SessionRoute } from './jscode2session.route';
import { Jscode2SessionService } from './jscode2session.service';
import { SandboxClock } from './sandbox-clock';
import { SandboxController } from './sandbox.controller';
import { SandboxCredentials } from './sandbox-credentials';

@Module({
  controllers: [SandboxController],
  providers: [
    CodeStore,
    Jscode2SessionService,
    Jscode2SessionRoute,
    SandboxCredentials,
    // A factory, not a class provider: the clock's constructor takes a function Nest cannot inject.
    { provide: SandboxClock, useFactory: () => new SandboxClock() },
  ],
})
export class SandboxModule {}
