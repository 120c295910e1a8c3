import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { PublicsModule } from '../publics/publics.module';
import { HealthController } from './health.controller';
import { PublicsHealthIndicator } from './publics.health';

@Module({
  imports: [TerminusModule, PublicsModule],
  controllers: [HealthController],
  providers: [PublicsHealthIndicator],
})
export class HealthModule {}
