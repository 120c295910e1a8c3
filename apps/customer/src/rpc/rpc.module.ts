import { natsConnectionOptions, PublicsTransport, QueueGroupNatsServer } from '@app/common';
import { CUSTOMER_NATS_QUEUE } from '@app/contracts';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { CustomerConfig } from '../config/customer.env';

/** Injects `QueueGroupNatsServer | null`: null when CUSTOMER_RPC_TRANSPORT is tcp. */
export const CUSTOMER_NATS_SERVER = Symbol('CUSTOMER_NATS_SERVER');

/** How long a shutdown waits for the user RPC calls under way: each is a few queries. */
const DRAIN_TIMEOUT_MS = 5000;

/**
 * The NATS server is a provider, not only a transport main.ts starts, so that
 * shutdown stops its subscriptions first (onModuleDestroy).
 */
@Module({
  providers: [
    {
      provide: CUSTOMER_NATS_SERVER,
      inject: [ConfigService],
      useFactory: (config: ConfigService<CustomerConfig, true>): QueueGroupNatsServer | null => {
        if (config.get('CUSTOMER_RPC_TRANSPORT', { infer: true }) !== PublicsTransport.Nats) {
          return null;
        }
        return new QueueGroupNatsServer({
          subjectPrefix: config.get('NATS_SUBJECT_PREFIX', { infer: true }),
          queue: CUSTOMER_NATS_QUEUE,
          nats: natsConnectionOptions(config.get('NATS_URL', { infer: true }), 'customer'),
          drainTimeoutMs: DRAIN_TIMEOUT_MS,
        });
      },
    },
  ],
  exports: [CUSTOMER_NATS_SERVER],
})
export class RpcModule {}
