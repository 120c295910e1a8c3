import { REDIS_CLIENT } from '@app/common';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';

import { PublicsModule } from '../publics/publics.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { loginThrottlerOptions } from './login-throttler';
import { TokensModule } from './tokens.module';

@Module({
  imports: [
    TokensModule,
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, REDIS_CLIENT],
      useFactory: loginThrottlerOptions,
    }),
    PublicsModule,
    UsersModule,
  ],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}
