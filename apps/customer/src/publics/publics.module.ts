import { PUBLICS_CLIENT } from '@app/contracts';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ClientsModule, Transport } from '@nestjs/microservices';

import { CustomerConfig } from '../config/customer.env';
import { PublicsClient } from './publics.client';

@Module({
  imports: [
    ClientsModule.registerAsync([
      {
        name: PUBLICS_CLIENT,
        inject: [ConfigService],
        useFactory: (config: ConfigService<CustomerConfig, true>) => ({
          transport: Transport.TCP,
          options: {
            host: config.get('PUBLICS_HOST', { infer: true }),
            port: config.get('PUBLICS_PORT', { infer: true }),
          },
        }),
      },
    ]),
  ],
  providers: [PublicsClient],
  exports: [PublicsClient],
})
export class PublicsModule {}
