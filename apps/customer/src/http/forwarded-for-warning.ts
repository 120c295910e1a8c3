import { Logger } from '@nestjs/common';
import { FastifyInstance } from 'fastify';

const logger = new Logger('TrustProxy');

/**
 * With TRUST_PROXY unset, every client behind one proxy shares the proxy's
 * address, and so one per-IP login limit. The first request that carries
 * X-Forwarded-For shows such a proxy: say so once, then stop looking.
 */
export function warnOnceAboutUntrustedForwardedFor(
  fastify: FastifyInstance,
  trustProxy: boolean | number | string,
): void {
  if (trustProxy !== false) return;
  let warned = false;
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (!warned && request.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      logger.warn(
        { requestId: request.id },
        'A request came through a proxy (X-Forwarded-For) but TRUST_PROXY is unset: every client behind it shares its address and one per-IP login limit. Set TRUST_PROXY to the proxy if you run it.',
      );
    }
    done();
  });
}
