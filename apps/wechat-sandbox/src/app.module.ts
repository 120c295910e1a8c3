import { LoggingModule } from '@app/common';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

import { validateSandboxEnv } from './config/sandbox.env';
import { HealthController } from './health/health.controller';
import { SandboxModule } from './sandbox/sandbox.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateSandboxEnv }),
    LoggingModule.forRoot({ name: 'wechat-sandbox', autoLogging: false }),
    SandboxModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
