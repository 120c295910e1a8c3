import { LoggingModule, RedisModule } from '@app/common';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { validateCustomerEnv } from './config/customer.env';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { RpcModule } from './rpc/rpc.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateCustomerEnv }),
    LoggingModule.forRoot({ name: 'customer' }),
    RedisModule.forRoot('customer'),
    AuditModule,
    DatabaseModule,
    MetricsModule,
    HealthModule,
    AuthModule,
    RpcModule,
  ],
})
export class AppModule {}
