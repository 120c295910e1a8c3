import { QueueGroupNatsServer, QueueGroupNatsServerOptions } from '@app/common';
import { PUBLICS_NATS_QUEUE } from '@app/contracts';

export type PublicsNatsServerOptions = Omit<QueueGroupNatsServerOptions, 'queue'>;

/** publics' NATS server: every instance in the queue group `publics` (see QueueGroupNatsServer). */
export class PublicsNatsServer extends QueueGroupNatsServer {
  constructor(options: PublicsNatsServerOptions) {
    super({ ...options, queue: PUBLICS_NATS_QUEUE });
  }
}
