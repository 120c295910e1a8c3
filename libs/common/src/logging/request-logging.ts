import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

const logger = new Logger('HttpRequests');

/**
 * One line per answered HTTP request (`req` id, method and path, `res` status,
 * `responseTime` in ms), written from a Fastify hook. It replaces nestjs-pino's
 * per-request middleware, whose child logger and AsyncLocalStorage cost every
 * request (and, once used, every promise of the process) even when the level
 * drops the line. Lines about a request carry its id explicitly instead.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    // Under LOG_LEVEL=warn (production's usual level) no line is written: skip building it.
    if (reply.statusCode < 500 && PinoLogger.root?.isLevelEnabled('info') === false) {
      done();
      return;
    }
    const line = {
      req: { id: request.id, method: request.method, url: request.url },
      res: { statusCode: reply.statusCode },
      responseTime: Math.round(reply.elapsedTime),
    };
    if (reply.statusCode >= 500) logger.error(line, 'request errored');
    else logger.log(line, 'request completed');
    done();
  });
}
