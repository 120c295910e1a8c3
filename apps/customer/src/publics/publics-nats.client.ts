import { publicsNatsSubject } from '@app/contracts';
import { ClientNats, NatsOptions } from '@nestjs/microservices';

import { PromiseRequests, requestOnce, RequestTransport } from './promise-requests';

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
export class PublicsNatsClient extends ClientNats implements PromiseRequests {
  private readonly subjectPrefix: string;
  private readonly transport: RequestTransport = {
    connect: () => this.connect(),
    publish: (packet, callback) => this.publish(packet, callback),
    serializeError: (error) => this.serializeError(error),
    serializeResponse: (response) => this.serializeResponse(response),
  };

  constructor(options: PublicsNatsClientOptions) {
    super(options.nats);
    this.subjectPrefix = options.subjectPrefix;
  }

  request<Result>(pattern: string, data: unknown, timeoutMs: number): Promise<Result> {
    return requestOnce<Result>(this.transport, pattern, data, timeoutMs);
  }

  protected override normalizePattern(pattern: Parameters<ClientNats['send']>[0]): string {
    return publicsNatsSubject(this.subjectPrefix, super.normalizePattern(pattern));
  }
}
