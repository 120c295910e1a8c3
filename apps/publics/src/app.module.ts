import { LoggingModule, RedisModule } from '@app/common';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

import { validatePublicsEnv } from './config/publics.env';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { RpcModule } from './rpc/rpc.module';
import { WechatModule } from './wechat/wechat.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validatePublicsEnv }),
    LoggingModule.forRoot({ name: 'publics' }),
    RedisModule.forRoot('publics'),
    RpcModule,
    MetricsModule,
    HealthModule,
    WechatModule,
  ],
})
export class AppModule {}
