import { ClientTCP } from '@nestjs/microservices';

import { PromiseRequests, requestOnce, RequestTransport } from './promise-requests';

/** Nest's TCP client to the one publics at PUBLICS_HOST:PUBLICS_PORT, with promise requests. */
export class PublicsTcpClient extends ClientTCP implements PromiseRequests {
  private readonly transport: RequestTransport = {
    connect: () => this.connect(),
    publish: (packet, callback) => this.publish(packet, callback),
    serializeError: (error) => this.serializeError(error),
    serializeResponse: (response) => this.serializeResponse(response),
  };

  request<Result>(pattern: string, data: unknown, timeoutMs: number): Promise<Result> {
    return requestOnce<Result>(this.transport, pattern, data, timeoutMs);
  }
}
