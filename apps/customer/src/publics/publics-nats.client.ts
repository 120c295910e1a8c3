import { publicsNatsSubject } from '@app/contracts';
import { ClientNats, NatsOptions } from '@nestjs/microservices';

export interface PublicsNatsClientOptions {
  /** NATS_SUBJECT_PREFIX: the deployment's subjects, shared with its publics instances. */
  subjectPrefix: string;
  nats: NonNullable<NatsOptions['options']>;
}

/**
 * Nest's NATS client with every pattern under the deployment's subject prefix.
 * NATS hands each request to one publics of the queue group; with none
 * subscribed it answers "no responders" at once (Nest's EmptyResponseException).
 */
export class PublicsNatsClient extends ClientNats {
  private readonly subjectPrefix: string;

  constructor(options: PublicsNatsClientOptions) {
    super(options.nats);
    this.subjectPrefix = options.subjectPrefix;
  }

  protected override normalizePattern(pattern: Parameters<ClientNats['send']>[0]): string {
    return publicsNatsSubject(this.subjectPrefix, super.normalizePattern(pattern));
  }
}
