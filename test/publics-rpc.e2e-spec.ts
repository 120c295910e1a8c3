import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  Code2SessionResult,
  HealthPingResult,
  PublicsErrorCode,
  PublicsPatterns,
} from '@app/contracts';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';

import { ManagedProcess } from '../tools/local-stack/managed-process';
import { appEntryPoints, stackEnvs } from '../tools/local-stack/stack-env';
import { freePort } from '../tools/net/free-port';
import { mintCode } from './support/http';
import { TEST_SESSION_KEY_SECRET } from './support/stack';

const entry = appEntryPoints(join(__dirname, '..', 'dist'));

/** publics as another company service sees it: a TCP peer speaking the contract in libs/contracts. */
describe('publics RPC contract', () => {
  let sandbox: ManagedProcess;
  let publics: ManagedProcess;
  let sut: ClientProxy;
  let sandboxUrl: string;

  beforeAll(async () => {
    const ports = { sandbox: await freePort(), publics: await freePort(), customer: 0 };
    const envs = stackEnvs(
      {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        WECHAT_APPID: 'wx-rpc',
        WECHAT_SECRET: 'rpc-secret',
        SESSION_KEY_SECRET: TEST_SESSION_KEY_SECRET,
      },
      ports,
    );
    sandbox = new ManagedProcess({
      name: 'wechat-sandbox',
      script: entry.sandbox,
      env: envs.sandbox,
      port: ports.sandbox,
    });
    publics = new ManagedProcess({
      name: 'publics',
      script: entry.publics,
      env: envs.publics,
      port: ports.publics,
    });
    await Promise.all([sandbox.start(), publics.start()]);
    sandboxUrl = `http://127.0.0.1:${ports.sandbox}`;
    sut = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: '127.0.0.1', port: ports.publics },
    });
  });

  afterAll(async () => {
    await sut?.close();
    await Promise.all([publics?.stop(), sandbox?.stop()]);
  });

  const call = (payload: unknown) =>
    firstValueFrom(sut.send<Code2SessionResult>(PublicsPatterns.WECHAT_CODE2SESSION, payload));
  const failure = (payload: unknown) =>
    call(payload).then(
      () => undefined,
      (error: unknown) => error,
    );

  it('answers openid and unionid for a valid code, and nothing else', async () => {
    const { code, openid } = await mintCode(sandboxUrl, { user: 'rpc-user' });

    const result = await call({ code });

    expect(result).toEqual({ openid, unionid: expect.any(String), appid: 'wx-rpc' });
  });

  it('answers health.ping with status ok', async () => {
    const result = await firstValueFrom(
      sut.send<HealthPingResult>(PublicsPatterns.HEALTH_PING, {}),
    );

    expect(result).toEqual({ status: 'ok' });
  });

  it('answers a typed INVALID_LOGIN_CODE error for a used code', async () => {
    const { code } = await mintCode(sandboxUrl, { user: 'rpc-user' });
    await call({ code });

    expect(await failure({ code })).toEqual({
      code: PublicsErrorCode.INVALID_LOGIN_CODE,
      message: expect.any(String),
      errcode: 40163,
      errmsg: expect.any(String),
    });
  });

  it('exchanges a code once when a caller sends it twice at the same time', async () => {
    const { code, openid } = await mintCode(sandboxUrl, { user: 'twice', delayMs: 300 });

    const results = await Promise.all([call({ code }), call({ code })]);

    expect(results.map((result) => result.openid)).toEqual([openid, openid]);
  });

  it.each([
    ['no code', {}],
    ['an empty code', { code: '' }],
    ['a number', { code: 42 }],
    ['a code over 128 characters', { code: 'x'.repeat(129) }],
    ['a code with a lone surrogate, which no URL can carry', { code: '\ud800' }],
    ['a code with a control character', { code: 'ab\u0000c' }],
    ['an unknown field', { code: 'abc', extra: 1 }],
    ['a bare string', 'abc'],
    ['an array', [1, 2]],
    ['a bare number', 42],
  ])('refuses a payload with %s as INVALID_PAYLOAD and stays up', async (_case, payload) => {
    expect(await failure(payload)).toEqual({
      code: PublicsErrorCode.INVALID_PAYLOAD,
      message: expect.any(String),
    });
    expect(publics.running).toBe(true);
  });

  it('stays up and keeps answering when a peer sends bytes that are not the protocol', async () => {
    const port = Number(publics.options.port);
    for (const garbage of [
      'hello world\n',
      '12#{not json}',
      '99999999999#x',
      '\u0000\u0001\u0002#',
      '5#{"a"}',
    ]) {
      const socket = connect({ host: '127.0.0.1', port });
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(garbage);
      await sleep(50);
      socket.destroy();
    }

    const { code, openid } = await mintCode(sandboxUrl, { user: 'after-garbage' });
    expect(publics.running).toBe(true);
    expect(await call({ code })).toEqual({ openid, unionid: expect.any(String), appid: 'wx-rpc' });
  });

  it('cuts off a peer that sends a frame over 1 MiB and keeps answering the others', async () => {
    const port = Number(publics.options.port);
    const { code: before, openid } = await mintCode(sandboxUrl, { user: 'beside-oversized' });
    expect(await call({ code: before })).toEqual({
      openid,
      unionid: expect.any(String),
      appid: 'wx-rpc',
    });
    const peer = connect({ host: '127.0.0.1', port });
    peer.on('error', () => undefined);
    await new Promise<void>((resolve) => peer.once('connect', () => resolve()));
    const cutOff = new Promise<boolean>((resolve) => {
      peer.once('end', () => resolve(true));
      peer.once('close', () => resolve(true));
      // Nest's default limit (128 M characters) would keep reading: that is the failure.
      setTimeout(() => resolve(false), 10_000).unref();
    });

    peer.write(
      `${3 * 1024 * 1024}#{"pattern":"wechat.code2session","data":"${'x'.repeat(2 * 1024 * 1024)}`,
    );

    expect(await cutOff).toBe(true);
    peer.destroy();
    const { code } = await mintCode(sandboxUrl, { user: 'beside-oversized' });
    expect(publics.running).toBe(true);
    expect(await call({ code })).toEqual({ openid, unionid: expect.any(String), appid: 'wx-rpc' });
  });

  it('answers WECHAT_MISCONFIGURED when its secret is not the one WeChat knows', async () => {
    const port = await freePort();
    const misconfigured = new ManagedProcess({
      name: 'publics-wrong-secret',
      script: entry.publics,
      env: { ...publics.options.env, PUBLICS_PORT: String(port), WECHAT_SECRET: 'not-the-secret' },
      port,
    });
    await misconfigured.start();
    const client = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: '127.0.0.1', port },
    });
    try {
      const { code } = await mintCode(sandboxUrl, { user: 'rpc-user' });
      const error = await firstValueFrom(
        client.send(PublicsPatterns.WECHAT_CODE2SESSION, { code }),
      ).catch((reason: unknown) => reason);

      expect(error).toMatchObject({ code: PublicsErrorCode.WECHAT_MISCONFIGURED, errcode: 40125 });
      expect(misconfigured.output).not.toContain('not-the-secret');
    } finally {
      await client.close();
      await misconfigured.stop();
    }
  });

  it('never writes the secret or a session_key to its log', async () => {
    const { code } = await mintCode(sandboxUrl, { user: 'quiet' });
    await call({ code });

    expect(publics.output).not.toContain('rpc-secret');
    expect(publics.output).not.toContain('session_key');
    expect(publics.output).not.toContain(code);
    expect(sandbox.output).not.toContain('rpc-secret');
  });
});
