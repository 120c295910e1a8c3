import { isObservable } from 'rxjs';
import { ServerTCP, TcpContext } from '@nestjs/microservices';
import { NO_MESSAGE_HANDLER } from '@nestjs/microservices/constants';
import { TcpSocket } from '@nestjs/microservices/helpers';
import { WritePacket } from '@nestjs/microservices/interfaces';

/**
 * Nest's TCP transport with two costs of every RPC taken off:
 * - The route of each message pattern is worked out once. Nest's server first tries
 *   `JSON.parse` on every incoming pattern; a plain string such as `wechat.code2session`
 *   makes it throw, so each RPC paid for a SyntaxError and its stack trace. Only the routes of
 *   patterns that have a handler are kept: a peer sending made-up patterns cannot grow the map.
 * - A handler that answers a value (every handler of publics once its promise settles) is
 *   answered with one packet at once, the packet Nest's server sends for it
 *   (`{ response, isDisposed: true, id }`), instead of through an rxjs pipeline and a
 *   process.nextTick queue. Handlers answering an Observable (and every error, which Nest's
 *   exception filters turn into one) still take Nest's own path.
 */
export class PublicsTcpServer extends ServerTCP {
  private readonly knownRoutes = new Map<string, string>();

  protected override getRouteFromPattern(pattern: string): string {
    const known = this.knownRoutes.get(pattern);
    if (known !== undefined) return known;
    const route = super.getRouteFromPattern(pattern);
    if (this.messageHandlers.has(route)) this.knownRoutes.set(pattern, route);
    return route;
  }

  override async handleMessage(socket: TcpSocket, rawMessage: unknown): Promise<unknown> {
    const packet = await this.deserializer.deserialize(rawMessage);
    const pattern = this.getPatternAsString(packet.pattern);
    const context = new TcpContext([socket, pattern]);
    if (!('id' in packet) || packet.id === undefined) {
      return this.handleEvent(pattern, packet, context);
    }
    const { id } = packet;
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) {
      return socket.sendMessage(
        this.serializer.serialize({ id, status: 'error', err: NO_MESSAGE_HANDLER }),
      );
    }
    const respond = (data: WritePacket): void => {
      const outgoing = this.serializer.serialize({ ...data, id });
      this.onProcessingEndHook?.(this.transportId, context);
      socket.sendMessage(outgoing);
    };
    return this.onProcessingStartHook(this.transportId, context, async () => {
      const result: unknown = await handler(packet.data, context);
      if (isObservable(result)) {
        this.send(result, respond);
        return;
      }
      respond({ response: result, isDisposed: true });
    });
  }
}
