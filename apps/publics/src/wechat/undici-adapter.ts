import { Socket } from 'node:net';

import axios, {
  AxiosAdapter,
  AxiosError,
  AxiosResponse,
  CanceledError,
  InternalAxiosRequestConfig,
} from 'axios';
import { buildConnector, Dispatcher, errors, Pool } from 'undici';

/**
 * How long an idle connection is kept when the server does not say, and how much is taken off
 * a server's `Keep-Alive: timeout=N` hint: the server's clock starts when it sent the answer,
 * ours when we read it, and undici's keep-alive timer ticks every ≈ 0.5 s, so we give the
 * connection up well before the server would. A hint of 1 s or less means no reuse at all.
 */
export const KEEP_ALIVE_DEFAULT_MS = 4000;
export const KEEP_ALIVE_HINT_MARGIN_MS = 1000;

/** Resets of connections that had already carried an exchange (see UndiciTransport's connector). */
const resetsOfReusedConnections = new WeakSet<Error>();

/**
 * The server's TCP stack reset the connection (RST) or refused our bytes: it held request bytes
 * that no one had read, or the socket behind it was already gone. A server that read the request
 * and then hung up sends FIN instead ("other side closed"), which is never taken for this.
 */
function isReset(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/**
 * The socket has read bytes and holds none unparsed: it carried at least one whole answer before.
 * (Bytes of the current answer, once parsed, show as onResponseStarted on the request.)
 */
function hasCarriedAnExchange(socket: Socket): boolean {
  return socket.bytesRead > 0 && socket.readableLength === 0;
}

/** Response headers as axios keeps them: lower-case names, repeated ones joined. */
function headersOf(raw: Buffer[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toString('latin1').toLowerCase();
    const value = raw[i + 1].toString('latin1');
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

function requestHeadersOf(config: InternalAxiosRequestConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers.toJSON())) {
    if (value !== undefined && value !== null) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
  // axios' http adapter names itself so too. No accept-encoding: WeChat's answers are a few
  // hundred bytes, and an uncompressed answer is what the 64 KiB cap counts.
  headers['user-agent'] ??= `axios/${axios.VERSION}`;
  return headers;
}

function bodyOf(data: unknown): string | Buffer | Uint8Array | null {
  if (data === undefined || data === null) return null;
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  throw new TypeError('the undici transport sends strings and buffers only');
}

/** One axios call: settled once, by its answer, its timeout, its signal or its last attempt's failure. */
class Call {
  private settled = false;
  private timer?: NodeJS.Timeout;
  private attempt?: Attempt;

  constructor(
    readonly transport: UndiciTransport,
    readonly config: InternalAxiosRequestConfig,
    readonly options: Dispatcher.DispatchOptions,
    private readonly resolve: (response: AxiosResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  get isSettled(): boolean {
    return this.settled;
  }

  start(): void {
    const { signal, timeout } = this.config;
    if (signal) {
      if (signal.aborted) return this.fail(new CanceledError(undefined, this.config));
      signal.addEventListener?.('abort', this.onAbort);
    }
    if (timeout && timeout > 0) {
      const clarify = this.config.transitional?.clarifyTimeoutError;
      this.timer = setTimeout(() => {
        this.fail(
          new AxiosError(
            this.config.timeoutErrorMessage ?? `timeout of ${timeout}ms exceeded`,
            clarify ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED,
            this.config,
          ),
        );
      }, timeout);
    }
    this.send(1);
  }

  send(retriesLeft: number): void {
    this.attempt = new Attempt(this, retriesLeft);
    this.transport.pool.dispatch(this.options, this.attempt);
  }

  succeed(response: AxiosResponse): void {
    if (this.settled) return;
    this.finish();
    const validateStatus = this.config.validateStatus;
    if (!validateStatus || validateStatus(response.status)) {
      this.resolve(response);
      return;
    }
    this.reject(
      new AxiosError(
        `Request failed with status code ${response.status}`,
        response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
        this.config,
        undefined,
        response,
      ),
    );
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.finish();
    this.attempt?.abort();
    this.reject(error);
  }

  maxBytes(): number {
    const max = this.config.maxContentLength;
    return max !== undefined && max > -1 ? max : Infinity;
  }

  failTooLarge(): void {
    this.fail(
      new AxiosError(
        `maxContentLength size of ${this.config.maxContentLength} exceeded`,
        AxiosError.ERR_BAD_RESPONSE,
        this.config,
      ),
    );
  }

  private readonly onAbort = (): void => {
    this.fail(new CanceledError(undefined, this.config));
  };

  private finish(): void {
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.config.signal?.removeEventListener?.('abort', this.onAbort);
  }
}

/** One sending of a call's request over a connection of the pool (undici's handler). */
class Attempt implements Dispatcher.DispatchHandler {
  private abortUndici?: (error?: Error) => void;
  private written = false;
  private answerStarted = false;
  private status = 0;
  private statusText = '';
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private received = 0;

  constructor(
    private readonly call: Call,
    private readonly retriesLeft: number,
  ) {}

  abort(): void {
    this.abortUndici?.();
  }

  onConnect(abort: (error?: Error) => void): void {
    this.abortUndici = abort;
    this.written = true;
    if (this.call.isSettled) abort();
  }

  onResponseStarted(): void {
    this.answerStarted = true;
  }

  onHeaders(status: number, rawHeaders: Buffer[], _resume: () => void, text: string): boolean {
    this.status = status;
    this.statusText = text;
    this.headers = headersOf(rawHeaders);
    if (Number(this.headers['content-length']) > this.call.maxBytes()) this.call.failTooLarge();
    return !this.call.isSettled;
  }

  onData(chunk: Buffer): boolean {
    this.received += chunk.length;
    if (this.received > this.call.maxBytes()) {
      this.call.failTooLarge();
      return false;
    }
    this.chunks.push(chunk);
    return !this.call.isSettled;
  }

  onComplete(): void {
    if (this.call.isSettled) return;
    const { config } = this.call;
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const encoding = (config.responseEncoding as BufferEncoding | undefined) ?? 'utf8';
    this.call.succeed({
      data: config.responseType === 'arraybuffer' ? body : body.toString(encoding),
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
      config,
      request: undefined,
    });
  }

  onError(error: Error): void {
    if (this.call.isSettled) return;
    if (this.retriesLeft > 0 && this.cannotHaveReachedTheServer(error)) {
      this.call.send(this.retriesLeft - 1);
      return;
    }
    // As axios' http adapter names them: a connect that timed out is ETIMEDOUT.
    const code =
      error instanceof errors.ConnectTimeoutError
        ? AxiosError.ETIMEDOUT
        : (error as NodeJS.ErrnoException).code;
    this.call.fail(AxiosError.from(error, code, this.call.config));
  }

  /**
   * The request never left us (the connection it waited for was lost before it was written), or
   * a connection that had already carried an exchange was reset before a single byte of this
   * answer came back: the server closed it as idle while the request crossed, and its TCP stack
   * dropped the request unread. Anything else may have reached WeChat and is never sent again
   * (a login code is single-use): a new connection, an answer that had begun, a hang-up (FIN).
   */
  private cannotHaveReachedTheServer(error: Error): boolean {
    if (this.answerStarted) return false;
    if (!this.written) return isReset(error) || error instanceof errors.SocketError;
    return resetsOfReusedConnections.has(error);
  }
}

/**
 * axios' transport over an undici Pool for one origin: keep-alive connections that honour the
 * server's `Keep-Alive: timeout` (less KEEP_ALIVE_HINT_MARGIN_MS), `config.timeout` over the
 * whole call, `signal`, `maxContentLength` and `validateStatus` as axios' http adapter has them.
 * A call whose reused connection the server closed before answering is sent once more.
 */
export class UndiciTransport {
  readonly pool: Pool;
  private readonly origin: string;
  /** The base URL's path, which axios puts before a relative `url`. */
  private readonly basePath: string;

  constructor(baseURL: string) {
    const base = new URL(baseURL);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    const connector = buildConnector({});
    this.pool = new Pool(this.origin, {
      keepAliveTimeout: KEEP_ALIVE_DEFAULT_MS,
      keepAliveTimeoutThreshold: KEEP_ALIVE_HINT_MARGIN_MS,
      connect: (options, callback) =>
        connector(options, (error, socket) => {
          // Added before undici's own listener: it sees the socket's counters as the error came.
          socket?.on('error', (socketError: Error) => {
            if (isReset(socketError) && hasCarriedAnExchange(socket as Socket)) {
              resetsOfReusedConnections.add(socketError);
            }
          });
          (callback as (...args: unknown[]) => void)(error, socket);
        }),
    });
  }

  readonly adapter: AxiosAdapter = (config) =>
    new Promise<AxiosResponse>((resolve, reject) => {
      const options: Dispatcher.DispatchOptions = {
        origin: this.origin,
        path: this.pathOf(config),
        method: (config.method ?? 'get').toUpperCase() as Dispatcher.HttpMethod,
        headers: requestHeadersOf(config),
        body: bodyOf(config.data),
      };
      new Call(this, config, options, resolve, reject).start();
    });

  close(): Promise<void> {
    return this.pool.close();
  }

  private pathOf(config: InternalAxiosRequestConfig): string {
    const url = config.url ?? '';
    if (url.startsWith('/') && !config.params) return this.basePath + url;
    const full = new URL(axios.getUri({ ...config, baseURL: config.baseURL }));
    if (full.origin !== this.origin) {
      throw new AxiosError(`this transport only reaches ${this.origin}`, AxiosError.ERR_BAD_OPTION);
    }
    return full.pathname + full.search;
  }
}
