import { natsConnectionOptions, PublicsTransport } from '@app/common';
import { PUBLICS_CLIENT } from '@app/contracts';
import { Module, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ClientProvider,
  ClientProxy,
  ClientsModule,
  TcpClientOptions,
} from '@nestjs/microservices';

import { CustomerConfig } from '../config/customer.env';
import { PublicsClient } from './publics.client';
import { PublicsNatsClient, PublicsNatsClientOptions } from './publics-nats.client';
import { PublicsTcpClient } from './publics-tcp.client';

/** One publics at PUBLICS_HOST:PUBLICS_PORT over TCP, or every publics of the deployment over NATS. */
export function publicsClientOptions(config: ConfigService<CustomerConfig, true>): ClientProvider {
  if (config.get('PUBLICS_TRANSPORT', { infer: true }) === PublicsTransport.Nats) {
    const options: PublicsNatsClientOptions = {
      subjectPrefix: config.get('NATS_SUBJECT_PREFIX', { infer: true }),
      nats: natsConnectionOptions(config.get('NATS_URL', { infer: true }), 'customer'),
    };
    // Nest types customClass with string statuses; ClientNats narrows them to NATS ones.
    return { customClass: PublicsNatsClient as Type<ClientProxy>, options };
  }
  const options: TcpClientOptions['options'] = {
    host: config.get('PUBLICS_HOST', { infer: true }),
    port: config.get('PUBLICS_PORT', { infer: true }),
  };
  return { customClass: PublicsTcpClient as Type<ClientProxy>, options };
}

@Module({
  imports: [
    ClientsModule.registerAsync([
      { name: PUBLICS_CLIENT, inject: [ConfigService], useFactory: publicsClientOptions },
    ]),
  ],
  providers: [PublicsClient],
  exports: [PublicsClient],
})
export class PublicsModule {}
