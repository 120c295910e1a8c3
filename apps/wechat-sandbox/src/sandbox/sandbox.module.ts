import { Module } from '@nestjs/common';

import { CodeStore } from './code-store';
import { Jscode2SessionController } from './jscode2session.controller';
import { SandboxClock } from './sandbox-clock';
import { SandboxController } from './sandbox.controller';
import { SandboxCredentials } from './sandbox-credentials';

@Module({
  controllers: [Jscode2SessionController, SandboxController],
  providers: [
    CodeStore,
    SandboxCredentials,
    // A factory, not a class provider: the clock's constructor takes a function Nest cannot inject.
    { provide: SandboxClock, useFactory: () => new SandboxClock() },
  ],
})
export class SandboxModule {}
