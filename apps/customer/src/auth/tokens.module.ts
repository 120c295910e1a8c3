import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';

import { CustomerConfig } from '../config/customer.env';
import { JwksController } from './jwks.controller';
import { loadSigningKeys } from './signing-keys';
import { SIGNING_KEYS, TokenService } from './token.service';

/** Signing and verifying access tokens, and publishing the public keys. */
@Module({
  imports: [JwtModule.register({})],
  controllers: [JwksController],
  providers: [
    TokenService,
    {
      provide: SIGNING_KEYS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<CustomerConfig, true>) =>
        loadSigningKeys({
          secret: config.get('JWT_SECRET', { infer: true }) ?? '',
          privateKey: config.get('JWT_PRIVATE_KEY', { infer: true }),
          previousPublicKeys: config.get('JWT_PREVIOUS_PUBLIC_KEYS', { infer: true }),
        }),
    },
  ],
  exports: [TokenService],
})
export class TokensModule {}
