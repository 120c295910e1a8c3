import { FastifyInstance } from 'fastify';

/**
 * Once the server is closing, answers carry `Connection: close`, so keep-alive
 * clients whose requests were under way let go and the process can exit as
 * soon as those requests are done (fastify only closes connections idle at the
 * moment it starts closing).
 */
export function closeConnectionsWhenDraining(fastify: FastifyInstance): void {
  let draining = false;
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) void reply.header('connection', 'close');
    done(null, payload);
  });
}
