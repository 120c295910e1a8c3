import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';

import { CustomerConfig, tokenLifetimeSeconds } from '../config/customer.env';
import { PublicsModule } from '../publics/publics.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<CustomerConfig, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
        signOptions: {
          algorithm: 'HS256',
          expiresIn: tokenLifetimeSeconds(config.get('JWT_EXPIRES_IN', { infer: true })),
          issuer: config.get('JWT_ISSUER', { infer: true }),
        },
        verifyOptions: {
          algorithms: ['HS256'],
          issuer: config.get('JWT_ISSUER', { infer: true }),
        },
      }),
    }),
    PublicsModule,
    UsersModule,
  ],
  controllers: [AuthController],
  providers: [AuthService, TokenService],
})
export class AuthModule {}
