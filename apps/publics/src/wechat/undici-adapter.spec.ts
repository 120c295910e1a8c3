import { createServer, Server, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';

import axios, { AxiosInstance, isAxiosError } from 'axios';

import { KEEP_ALIVE_HINT_MARGIN_MS, UndiciTransport } from './undici-adapter';

interface ServerOptions {
  /** The server closes a connection idle this long (Node's keepAliveTimeout). */
  idleMs: number;
  /** Send `Keep-Alive: timeout=…` (Node's default) or not (a front end that keeps it to itself). */
  announce: boolean;
  /**
   * Keep the server's event loop busy this long, centred on each connection's idle deadline,
   * as a loaded server is: a request arriving then waits unread in its TCP stack while the
   * idle close fires, and is reset with the connection.
   */
  busyMs: number;
}

/**
 * A stand-in for WeChat in a worker thread (its own event loop, so that it can be busy while
 * the client is not), speaking HTTP/1.1 on a plain TCP server so that its idle close is exact
 * (Node's http server adds a second to keepAliveTimeout). It answers every js_code with a
 * session, except `hang-up-*`: it reads that request and closes without a byte of answer.
 */
const SERVER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { idleMs, announce, busyMs } = workerData;
const server = net.createServer((socket) => {
  parentPort.postMessage({ type: 'connection' });
  let buffered = '';
  socket.setTimeout(idleMs, () => socket.destroy());
  socket.on('error', () => undefined);
  socket.on('data', (chunk) => {
    buffered += chunk.toString('latin1');
    let end;
    while ((end = buffered.indexOf('\\r\\n\\r\\n')) !== -1) {
      const head = buffered.slice(0, end);
      buffered = buffered.slice(end + 4);
      const target = head.split(' ')[1];
      const code = new URL(target, 'http://localhost').searchParams.get('js_code');
      parentPort.postMessage({ type: 'code', code });
      if (code.startsWith('hang-up')) {
        socket.destroy();
        return;
      }
      const body = JSON.stringify({ openid: 'o-' + code, session_key: 'k' });
      socket.write(
        'HTTP/1.1 200 OK\\r\\ncontent-type: text/plain\\r\\n' +
          'content-length: ' + Buffer.byteLength(body) + '\\r\\nconnection: keep-alive\\r\\n' +
          (announce ? 'keep-alive: timeout=' + idleMs / 1000 + '\\r\\n' : '') +
          '\\r\\n' + body,
      );
      if (busyMs > 0) {
        // Busy in the check phase: the next loop turn runs its timers (the idle close) before
        // it polls the sockets, as a server busy with other work does.
        const busy = () => {
          const until = Date.now() + busyMs;
          while (Date.now() < until);
        };
        setTimeout(() => setImmediate(busy), idleMs - busyMs / 2);
      }
    }
  });
});
server.listen(0, '127.0.0.1', () =>
  parentPort.postMessage({ type: 'listening', port: server.address().port }),
);
parentPort.on('message', () => {
  server.close(() => parentPort.close());
  for (const socket of sockets) socket.destroy();
});
const sockets = new Set();
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
`;

interface WorkerMessage {
  type: 'listening' | 'code' | 'connection';
  port?: number;
  code?: string;
}

class IdleClosingServer {
  /** The codes the server's application read, in order. */
  readonly codes: string[] = [];
  connections = 0;
  private constructor(
    private readonly worker: Worker,
    readonly url: string,
  ) {}

  static async start(options: ServerOptions): Promise<IdleClosingServer> {
    const worker = new Worker(SERVER_SOURCE, { eval: true, workerData: options });
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (message: WorkerMessage) => resolve(message.port ?? 0));
    });
    const server = new IdleClosingServer(worker, `http://127.0.0.1:${port}`);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'code' && message.code) server.codes.push(message.code);
      if (message.type === 'connection') server.connections += 1;
    });
    return server;
  }

  /** Waits (1 s at most) until the worker has reported `count` codes. */
  async codesSeen(count: number): Promise<void> {
    for (let waited = 0; this.codes.length < count && waited < 1000; waited += 10) {
      await sleep(10);
    }
  }

  async stop(): Promise<void> {
    this.worker.postMessage('close');
    await new Promise((resolve) => this.worker.once('exit', resolve));
  }
}

/** An axios instance as WechatClient makes it, over the transport under test. */
function axiosOver(transport: UndiciTransport, baseURL: string): AxiosInstance {
  return axios.create({
    baseURL,
    adapter: transport.adapter,
    responseType: 'text',
    transformResponse: [(body: unknown) => body],
    validateStatus: () => true,
  });
}

/** Connections the transport lost to a reset (RST) from the server. */
function resetsSeenBy(transport: UndiciTransport): string[] {
  const resets: string[] = [];
  transport.pool.on('disconnect', (_origin, _targets, error) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNRESET' || code === 'EPIPE') resets.push(code);
  });
  return resets;
}

/** One login after another, each sent `spacingMs` after the previous answer (or the call). */
async function loginsSpaced(
  http: AxiosInstance,
  count: number,
  spacingMs: number,
  prefix: string,
): Promise<{ code: string; outcome: string }[]> {
  const outcomes: { code: string; outcome: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    await sleep(spacingMs);
    const code = `${prefix}-${i}`;
    const outcome = await http.get<string>(`/sns/jscode2session?js_code=${code}`).then(
      (response) => response.data,
      (error: unknown) => (isAxiosError(error) ? `failed: ${error.code}` : 'failed'),
    );
    outcomes.push({ code, outcome });
  }
  return outcomes;
}

function answered(code: string): { code: string; outcome: string } {
  return { code, outcome: JSON.stringify({ openid: `o-${code}`, session_key: 'k' }) };
}

describe(UndiciTransport.name, () => {
  let server: IdleClosingServer | undefined;
  let sut: UndiciTransport | undefined;

  afterEach(async () => {
    await sut?.close();
    await server?.stop();
    sut = undefined;
    server = undefined;
  });

  it('sends a login again on a new connection when the server reset its idle one unread, and only then', async () => {
    server = await IdleClosingServer.start({ idleMs: 1000, announce: false, busyMs: 300 });
    sut = new UndiciTransport(server.url);
    const resets = resetsSeenBy(sut);
    const codes = ['race-0', 'race-1', 'race-2', 'race-3'];

    const outcomes = await loginsSpaced(axiosOver(sut, server.url), codes.length, 1000, 'race');

    expect(outcomes).toEqual(codes.map(answered));
    // The race was met: connections the server reset with a login waiting in them.
    expect(resets.length).toBeGreaterThanOrEqual(2);
    // Each code reached the server's application once: the reset ones never had. The worker
    // reports each code by message, which may arrive just after the answer did.
    await server.codesSeen(codes.length);
    expect(server.codes).toEqual(codes);
  });

  it("gives an idle connection up at the server's Keep-Alive timeout less the margin", async () => {
    server = await IdleClosingServer.start({ idleMs: 3000, announce: true, busyMs: 0 });
    sut = new UndiciTransport(server.url);
    const http = axiosOver(sut, server.url);
    const keptFor = 3000 - KEEP_ALIVE_HINT_MARGIN_MS;

    // Well inside the announced 3 s less the margin the connection is reused; past it, not,
    // though the server would still have answered on it.
    const quick = await loginsSpaced(http, 2, keptFor - 1000, 'quick');
    const connectionsAfterQuick = server.connections;
    const slow = await loginsSpaced(http, 2, keptFor + 700, 'slow');

    const codes = ['quick-0', 'quick-1', 'slow-0', 'slow-1'];
    expect([...quick, ...slow]).toEqual(codes.map(answered));
    expect(connectionsAfterQuick).toBe(1);
    expect(server.connections).toBe(3);
    expect(server.codes).toEqual(codes);
  });

  it('never sends a login again once the server read it, even on a reused connection', async () => {
    server = await IdleClosingServer.start({ idleMs: 5000, announce: true, busyMs: 0 });
    sut = new UndiciTransport(server.url);
    const http = axiosOver(sut, server.url);

    const outcomes = await loginsSpaced(http, 1, 0, 'ok');
    // undici hands a connection on only after its answer's turn of the event loop.
    await sleep(50);
    const hangUp = await http.get('/sns/jscode2session?js_code=hang-up-0').then(
      () => 'answered',
      (error: unknown) => (isAxiosError(error) ? error.code : 'not an axios error'),
    );

    expect(outcomes).toEqual([answered('ok-0')]);
    expect(server.connections).toBe(1);
    expect(hangUp).toBe('UND_ERR_SOCKET');
    expect(server.codes).toEqual(['ok-0', 'hang-up-0']);
  });

  it('settles a call whose answer never comes when its signal aborts, and drops its connection', async () => {
    const connections: { received: string; closed: boolean }[] = [];
    const silent: Server = createServer((socket: Socket) => {
      const connection = { received: '', closed: false };
      connections.push(connection);
      socket.on('data', (chunk: Buffer) => (connection.received += chunk.toString('latin1')));
      socket.on('close', () => (connection.closed = true));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    sut = new UndiciTransport(url);
    const started = Date.now();

    const outcome = await axiosOver(sut, url)
      .get('/sns/jscode2session?js_code=silent', { signal: AbortSignal.timeout(200) })
      .then(
        () => 'answered',
        (error: unknown) => (isAxiosError(error) ? error.code : 'not an axios error'),
      );
    await sleep(100);

    expect(outcome).toBe('ERR_CANCELED');
    expect(Date.now() - started).toBeLessThan(1000);
    // The request went out once, on a connection dropped with it (undici may open a fresh one).
    const requests = connections.filter(({ received }) => received !== '');
    expect(requests.map(({ received, closed }) => [received.split('\r\n')[0], closed])).toEqual([
      ['GET /sns/jscode2session?js_code=silent HTTP/1.1', true],
    ]);
    await sut.close();
    sut = undefined;
    await new Promise((resolve) => silent.close(resolve));
  });
});
