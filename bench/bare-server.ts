import { createServer } from 'node:http';

/**
 * The baseline: a bare Node HTTP server that reads the request body and answers
 * a small JSON body. The bench drives it like POST /login to read login figures
 * as a fraction of what this machine does with no framework, database or RPC.
 */
const port = Number(process.env.BARE_PORT);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`BARE_PORT must be a TCP port, got ${JSON.stringify(process.env.BARE_PORT)}`);
  process.exit(1);
}

const answer = JSON.stringify({ ok: true, token: 'bare', user: { id: '1', avatar: null } });

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(answer),
    });
    response.end(answer);
  });
});

server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
