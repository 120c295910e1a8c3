import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';

import {
  WECHAT_MAX_ANSWER_BYTES,
  WechatClient,
  WechatTransportError,
  WechatTransportFailure,
} from './wechat.client';

const TIMEOUT_MS = 300;
const SECRET = 'unit-test-wechat-secret';
const APP = { appid: 'wx-unit', secret: SECRET };

/** The query strings the stand-in received, newest last. */
const received: URLSearchParams[] = [];

/** The POST requests the stand-in received: path with query, and the JSON body. */
const posted: { url: string; contentType?: string; body: unknown }[] = [];

/** A stand-in for WeChat, on a real port: the js_code says how it answers. */
function answer(req: IncomingMessage, res: ServerResponse): void {
  if (req.method === 'POST') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      posted.push({
        url: req.url ?? '',
        contentType: req.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(JSON.stringify({ access_token: 'unit-token', expires_in: 7200 }));
    });
    return;
  }
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  received.push(query);
  const code = query.get('js_code');
  const session = JSON.stringify({ openid: 'o-unit', session_key: 'k' });
  switch (code) {
    case 'bad-gateway':
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    case 'trickle': {
      // Headers at once, then a byte every 100 ms for 2 s: never idle long enough for axios' timeout.
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const timer = setInterval(() => {
        if (++sent < 20) {
          res.write(' ');
        } else {
          clearInterval(timer);
          res.end(session);
        }
      }, 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'huge':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(JSON.stringify({ openid: 'o-unit', padding: 'x'.repeat(WECHAT_MAX_ANSWER_BYTES) }));
      return;
    default:
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(session);
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function clientFor(baseUrl: string): Promise<WechatClient> {
  const moduleRef = await Test.createTestingModule({
    providers: [
      WechatClient,
      {
        provide: ConfigService,
        useValue: new ConfigService({
          WECHAT_API_BASE: baseUrl,
          WECHAT_TIMEOUT_MS: TIMEOUT_MS,
        }),
      },
    ],
  }).compile();
  return moduleRef.get(WechatClient);
}

async function failureOf(promise: Promise<unknown>): Promise<WechatTransportError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WechatTransportError);
  expect((error as Error).message).not.toContain(SECRET);
  return error as WechatTransportError;
}

describe(WechatClient.name, () => {
  const wechat = createServer(answer);
  let sut: WechatClient;

  beforeAll(async () => {
    sut = await clientFor(await listen(wechat));
  });
  afterAll(async () => {
    wechat.closeAllConnections();
    await new Promise((resolve) => wechat.close(resolve));
  });

  it('answers the session WeChat sent', async () => {
    await expect(sut.jscode2session(APP, 'ok')).resolves.toEqual({
      openid: 'o-unit',
      session_key: 'k',
    });
  });

  it('sends GET /sns/jscode2session with appid, secret, the code as given and grant_type', async () => {
    const code = 'a+b&c=d/%20?é🙂 ';

    await sut.jscode2session(APP, code);

    const query = received.at(-1);
    expect(query && Object.fromEntries(query)).toEqual({
      appid: 'wx-unit',
      secret: SECRET,
      js_code: code,
      grant_type: 'authorization_code',
    });
  });

  it.each<[string, WechatTransportFailure, string]>([
    ['an HTTP 502 with an HTML body', 'http-status', 'bad-gateway'],
    ['a body trickled for longer than the timeout', 'timeout', 'trickle'],
    [`an answer over ${WECHAT_MAX_ANSWER_BYTES} bytes`, 'not-json', 'huge'],
  ])('fails for %s as %s', async (_case, failure, code) => {
    expect((await failureOf(sut.jscode2session(APP, code))).failure).toBe(failure);
  });

  it('fails as network when the connection is refused', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));

    const error = await failureOf((await clientFor(url)).jscode2session(APP, 'ok'));

    expect(error.failure).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('asks stable_token for a client_credential token as JSON, never with force_refresh', async () => {
    await expect(sut.stableToken(APP)).resolves.toEqual({
      access_token: 'unit-token',
      expires_in: 7200,
    });

    expect(posted.at(-1)).toEqual({
      url: '/cgi-bin/stable_token',
      contentType: expect.stringMatching(/^application\/json/),
      body: {
        grant_type: 'client_credential',
        appid: 'wx-unit',
        secret: SECRET,
        force_refresh: false,
      },
    });
  });

  it('sends the access token in the query and the payload as the JSON body', async () => {
    await sut.getUserPhoneNumber('the-token', 'phone-code');

    expect(posted.at(-1)).toMatchObject({
      url: '/wxa/business/getuserphonenumber?access_token=the-token',
      body: { code: 'phone-code' },
    });
  });

  it('signs checksession with hmac_sha256 in the query', async () => {
    await sut.checkSession('the-token', 'o-1', 'abc123');

    expect(Object.fromEntries(received.at(-1) ?? [])).toEqual({
      access_token: 'the-token',
      openid: 'o-1',
      signature: 'abc123',
      sig_method: 'hmac_sha256',
    });
  });
});
