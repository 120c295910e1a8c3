import { PublicsErrorCode } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';

import { PublicsException } from '../errors/publics.exception';
import { MetricsService } from '../metrics/metrics.service';
import { WechatApp } from './apps/wechat-apps';
import { SessionKeyStore } from './session-keys/session-key.store';
import { WechatClient, WechatSessionResponse, WechatTransportError } from './wechat.client';
import { WechatService } from './wechat.service';

const APP: WechatApp = { appid: 'wx-unit', secret: 's' };

describe(WechatService.name, () => {
  let sut: WechatService;
  let save: jest.Mock<Promise<void>, [string, string, string]>;
  let jscode2session: jest.Mock<Promise<WechatSessionResponse>, [WechatApp, string]>;
  let registry: Registry;

  beforeEach(async () => {
    jscode2session = jest.fn();
    save = jest.fn().mockResolvedValue(undefined);
    registry = new Registry();
    const moduleRef = await Test.createTestingModule({
      providers: [
        WechatService,
        MetricsService,
        { provide: Registry, useValue: registry },
        { provide: WechatClient, useValue: { jscode2session } },
        { provide: SessionKeyStore, useValue: { save } },
        { provide: ConfigService, useValue: new ConfigService({ WECHAT_RETRY_DELAY_MS: 1 }) },
      ],
    }).compile();
    sut = moduleRef.get(WechatService);
  });

  async function failureOf(promise: Promise<unknown>): Promise<PublicsException> {
    const error = await promise.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(PublicsException);
    return error as PublicsException;
  }

  it('returns openid and unionid but never the session_key', async () => {
    jscode2session.mockResolvedValue({ openid: 'o1', unionid: 'u1', session_key: 'secret-key' });

    await expect(sut.code2session(APP, 'c1')).resolves.toEqual({ openid: 'o1', unionid: 'u1' });
  });

  it('stores the session_key under the app and the openid before answering', async () => {
    jscode2session.mockResolvedValue({ openid: 'o1', session_key: 'secret-key' });

    await sut.code2session(APP, 'c1');

    expect(jscode2session).toHaveBeenCalledWith(APP, 'c1');
    expect(save).toHaveBeenCalledWith('wx-unit', 'o1', 'secret-key');
  });

  it('stores nothing when WeChat refuses the code', async () => {
    jscode2session.mockResolvedValue({ errcode: 40029, errmsg: 'invalid code' });

    await failureOf(sut.code2session(APP, 'c1'));

    expect(save).not.toHaveBeenCalled();
  });

  it('leaves unionid out when WeChat gave none', async () => {
    jscode2session.mockResolvedValue({ openid: 'o1', session_key: 'k' });

    await expect(sut.code2session(APP, 'c1')).resolves.toEqual({ openid: 'o1' });
  });

  it('exchanges a code once when it arrives again while the first exchange is in flight', async () => {
    let answer!: (response: WechatSessionResponse) => void;
    jscode2session.mockReturnValue(new Promise((resolve) => (answer = resolve)));

    const first = sut.code2session(APP, 'same');
    const second = sut.code2session(APP, 'same');
    answer({ openid: 'o1', session_key: 'k' });

    await expect(Promise.all([first, second])).resolves.toEqual([
      { openid: 'o1' },
      { openid: 'o1' },
    ]);
    expect(jscode2session).toHaveBeenCalledTimes(1);
  });

  it('counts an exchange that two callers share once, and each call to WeChat of a retry', async () => {
    jscode2session.mockResolvedValueOnce({ errcode: -1, errmsg: 'system error' });
    jscode2session.mockResolvedValueOnce({ openid: 'o1', session_key: 'k' });

    await Promise.all([sut.code2session(APP, 'same'), sut.code2session(APP, 'same')]);

    const metrics = await registry.metrics();
    expect(metrics).toContain('wechat_code2session_total{outcome="success"} 1');
    expect(metrics).toContain('wechat_errcodes_total{errcode="-1"} 1');
    expect(metrics).toContain('wechat_api_duration_seconds_count{outcome="errcode"} 1');
    expect(metrics).toContain('wechat_api_duration_seconds_count{outcome="ok"} 1');
  });

  it('exchanges the code again once the first exchange has finished', async () => {
    jscode2session.mockResolvedValueOnce({ openid: 'o1', session_key: 'k' });
    jscode2session.mockResolvedValueOnce({ errcode: 40163, errmsg: 'code been used' });

    await sut.code2session(APP, 'c1');
    const error = await failureOf(sut.code2session(APP, 'c1'));

    expect(error.code).toBe(PublicsErrorCode.INVALID_LOGIN_CODE);
    expect(jscode2session).toHaveBeenCalledTimes(2);
  });

  it('retries once after a -1 and returns the second answer', async () => {
    jscode2session.mockResolvedValueOnce({ errcode: -1, errmsg: 'system error' });
    jscode2session.mockResolvedValueOnce({ openid: 'o1', session_key: 'k' });

    await expect(sut.code2session(APP, 'c1')).resolves.toEqual({ openid: 'o1' });
    expect(jscode2session).toHaveBeenCalledTimes(2);
  });

  it('gives up with WECHAT_UNAVAILABLE after a second -1', async () => {
    jscode2session.mockResolvedValue({ errcode: -1, errmsg: 'system error' });

    const error = await failureOf(sut.code2session(APP, 'c1'));

    expect(error.contractError).toMatchObject({
      code: PublicsErrorCode.WECHAT_UNAVAILABLE,
      errcode: -1,
    });
    expect(jscode2session).toHaveBeenCalledTimes(2);
  });

  it('does not retry other errcodes', async () => {
    jscode2session.mockResolvedValue({ errcode: 45011, errmsg: 'limit' });

    const error = await failureOf(sut.code2session(APP, 'c1'));

    expect(error.code).toBe(PublicsErrorCode.WECHAT_RATE_LIMITED);
    expect(jscode2session).toHaveBeenCalledTimes(1);
  });

  it.each(['timeout', 'network', 'not-json'] as const)(
    'maps a %s failure to WECHAT_UNAVAILABLE',
    async (failure) => {
      jscode2session.mockRejectedValue(new WechatTransportError(failure, 'detail'));

      const error = await failureOf(sut.code2session(APP, 'c1'));

      expect(error.code).toBe(PublicsErrorCode.WECHAT_UNAVAILABLE);
    },
  );

  it('treats an answer without an openid as WECHAT_UNAVAILABLE', async () => {
    jscode2session.mockResolvedValue({ session_key: 'k' });

    const error = await failureOf(sut.code2session(APP, 'c1'));

    expect(error.code).toBe(PublicsErrorCode.WECHAT_UNAVAILABLE);
    expect(JSON.stringify(error.contractError)).not.toContain('k"');
  });

  describe('log lines', () => {
    let info: jest.SpyInstance;
    let warn: jest.SpyInstance;

    beforeEach(() => {
      info = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    });
    afterEach(() => jest.restoreAllMocks());

    const written = (spy: jest.SpyInstance) => JSON.stringify(spy.mock.calls);

    it('logs a successful exchange at info with the request id and its duration, never the code', async () => {
      jscode2session.mockResolvedValue({ openid: 'o1', session_key: 'the-session-key' });

      await sut.code2session(APP, 'the-login-code', 'req-ok');

      expect(info).toHaveBeenCalledWith(
        { requestId: 'req-ok', durationMs: expect.any(Number) },
        'Exchanged a login code',
      );
      expect(written(info) + written(warn)).not.toMatch(/the-login-code|the-session-key/);
    });

    it('logs a refused code at warn with the request id, the errcode and the contract code', async () => {
      jscode2session.mockResolvedValue({ errcode: 40029, errmsg: 'invalid code' });

      await failureOf(sut.code2session(APP, 'the-login-code', 'req-refused'));

      expect(warn).toHaveBeenCalledWith(
        {
          requestId: 'req-refused',
          durationMs: expect.any(Number),
          errcode: 40029,
          errorCode: PublicsErrorCode.INVALID_LOGIN_CODE,
        },
        'WeChat refused a login code',
      );
      expect(written(warn)).not.toContain('the-login-code');
    });

    it('logs a failed call to WeChat at warn with the request id and the kind of failure', async () => {
      jscode2session.mockRejectedValue(new WechatTransportError('timeout', 'too slow'));

      await failureOf(sut.code2session(APP, 'c1', 'req-timeout'));

      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({
          requestId: 'req-timeout',
          durationMs: expect.any(Number),
          errorCode: PublicsErrorCode.WECHAT_UNAVAILABLE,
          failure: 'timeout',
        }),
        expect.any(String),
      );
    });

    it('logs an answer without an openid at warn with the request id', async () => {
      jscode2session.mockResolvedValue({ session_key: 'k' });

      await failureOf(sut.code2session(APP, 'c1', 'req-no-openid'));

      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ requestId: 'req-no-openid', durationMs: expect.any(Number) }),
        'WeChat answered without an openid',
      );
    });

    it('ties a caller that joins an exchange under way to the request that started it', async () => {
      let answer!: (response: WechatSessionResponse) => void;
      jscode2session.mockReturnValue(new Promise((resolve) => (answer = resolve)));

      const first = sut.code2session(APP, 'same', 'req-first');
      const second = sut.code2session(APP, 'same', 'req-second');
      answer({ openid: 'o1', session_key: 'k' });
      await Promise.all([first, second]);

      expect(info).toHaveBeenCalledWith(
        { requestId: 'req-second', joinedRequestId: 'req-first' },
        expect.any(String),
      );
      expect(info).toHaveBeenCalledWith(
        { requestId: 'req-first', durationMs: expect.any(Number) },
        'Exchanged a login code',
      );
    });

    it('still exchanges and logs a code sent without a request id', async () => {
      jscode2session.mockResolvedValue({ openid: 'o1', session_key: 'k' });

      await expect(sut.code2session(APP, 'c1')).resolves.toEqual({ openid: 'o1' });

      expect(info).toHaveBeenCalledWith(
        { requestId: undefined, durationMs: expect.any(Number) },
        'Exchanged a login code',
      );
    });
  });
});
