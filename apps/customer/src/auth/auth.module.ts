import { REDIS_CLIENT } from '@app/common';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';

import { AuditModule } from '../audit/audit.module';
import { PublicsModule } from '../publics/publics.module';
import { SeedController } from '../seed/seed.controller';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { IntrospectionRpcController } from './introspection.rpc.controller';
import { loginThrottlerOptions } from './login-throttler';
import { TokenIntrospection } from './token-introspection';
import { TokensModule } from './tokens.module';

@Module({
  imports: [
    AuditModule,
    TokensModule,
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, REDIS_CLIENT],
      useFactory: loginThrottlerOptions,
    }),
    PublicsModule,
    UsersModule,
  ],
  controllers: [AuthController, IntrospectionRpcController, SeedController],
  providers: [AuthService, TokenIntrospection],
})
export class AuthModule {}
