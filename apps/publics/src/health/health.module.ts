import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { RpcModule } from '../rpc/rpc.module';
import { HealthController } from './health.controller';
import { HealthPingController } from './health-ping.controller';

@Module({
  imports: [TerminusModule, RpcModule],
  controllers: [HealthController, HealthPingController],
})
export class HealthModule {}
