import { ServerTCP } from '@nestjs/microservices';

/**
 * Nest's TCP transport, with the route of each message pattern worked out once. Nest's server
 * first tries `JSON.parse` on every incoming pattern; a plain string such as
 * `wechat.code2session` makes it throw, so each RPC paid for a SyntaxError and its stack trace.
 * Only the routes of patterns that have a handler are kept: a peer sending made-up patterns
 * cannot grow the map.
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
}
