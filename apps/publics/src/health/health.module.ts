import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { HealthController } from './health.controller';
import { HealthPingController } from './health-ping.controller';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController, HealthPingController],
})
export class HealthModule {}
