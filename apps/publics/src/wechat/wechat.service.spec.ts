import { PublicsErrorCode } from '@app/contracts';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';

import { PublicsException } from '../errors/publics.exception';
import { MetricsService } from '../metrics/metrics.service';
import { WechatClient, WechatSessionResponse, WechatTransportError } from './wechat.client';
import { WechatService } from './wechat.service';

describe(WechatService.name, () => {
  let sut: WechatService;
  let jscode2session: jest.Mock<Promise<WechatSessionResponse>, [string]>;
  let registry: Registry;

  beforeEach(async () => {
    jscode2session = jest.fn();
    registry = new Registry();
    const moduleRef = await Test.createTestingModule({
      providers: [
        WechatService,
        MetricsService,
        { provide: Registry, useValue: registry },
        { provide: WechatClient, useValue: { jscode2session } },
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

    await expect(sut.code2session('c1')).resolves.toEqual({ openid: 'o1', unionid: 'u1' });
  });

  it('leaves unionid out when WeChat gave none', async () => {
    jscode2session.mockResolvedValue({ openid: 'o1', session_key: 'k' });

    await expect(sut.code2session('c1')).resolves.toEqual({ openid: 'o1' });
  });

  it('exchanges a code once when it arrives again while the first exchange is in flight', async () => {
    let answer!: (response: WechatSessionResponse) => void;
    jscode2session.mockReturnValue(new Promise((resolve) => (answer = resolve)));

    const first = sut.code2session('same');
    const second = sut.code2session('same');
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

    await Promise.all([sut.code2session('same'), sut.code2session('same')]);

    const metrics = await registry.metrics();
    expect(metrics).toContain('wechat_code2session_total{outcome="success"} 1');
    expect(metrics).toContain('wechat_errcodes_total{errcode="-1"} 1');
    expect(metrics).toContain('wechat_api_duration_seconds_count{outcome="errcode"} 1');
    expect(metrics).toContain('wechat_api_duration_seconds_count{outcome="ok"} 1');
  });

  it('exchanges the code again once the first exchange has finished', async () => {
    jscode2session.mockResolvedValueOnce({ openid: 'o1', session_key: 'k' });
    jscode2session.mockResolvedValueOnce({ errcode: 40163, errmsg: 'code been used' });

    await sut.code2session('c1');
    const error = await failureOf(sut.code2session('c1'));

    expect(error.code).toBe(PublicsErrorCode.INVALID_LOGIN_CODE);
    expect(jscode2session).toHaveBeenCalledTimes(2);
  });

  it('retries once after a -1 and returns the second answer', async () => {
    jscode2session.mockResolvedValueOnce({ errcode: -1, errmsg: 'system error' });
    jscode2session.mockResolvedValueOnce({ openid: 'o1', session_key: 'k' });

    await expect(sut.code2session('c1')).resolves.toEqual({ openid: 'o1' });
    expect(jscode2session).toHaveBeenCalledTimes(2);
  });

  it('gives up with WECHAT_UNAVAILABLE after a second -1', async () => {
    jscode2session.mockResolvedValue({ errcode: -1, errmsg: 'system error' });

    const error = await failureOf(sut.code2session('c1'));

    expect(error.contractError).toMatchObject({
      code: PublicsErrorCode.WECHAT_UNAVAILABLE,
      errcode: -1,
    });
    expect(jscode2session).toHaveBeenCalledTimes(2);
  });

  it('does not retry other errcodes', async () => {
    jscode2session.mockResolvedValue({ errcode: 45011, errmsg: 'limit' });

    const error = await failureOf(sut.code2session('c1'));

    expect(error.code).toBe(PublicsErrorCode.WECHAT_RATE_LIMITED);
    expect(jscode2session).toHaveBeenCalledTimes(1);
  });

  it.each(['timeout', 'network', 'not-json'] as const)(
    'maps a %s failure to WECHAT_UNAVAILABLE',
    async (failure) => {
      jscode2session.mockRejectedValue(new WechatTransportError(failure, 'detail'));

      const error = await failureOf(sut.code2session('c1'));

      expect(error.code).toBe(PublicsErrorCode.WECHAT_UNAVAILABLE);
    },
  );

  it('treats an answer without an openid as WECHAT_UNAVAILABLE', async () => {
    jscode2session.mockResolvedValue({ session_key: 'k' });

    const error = await failureOf(sut.code2session('c1'));

    expect(error.code).toBe(PublicsErrorCode.WECHAT_UNAVAILABLE);
    expect(JSON.stringify(error.contractError)).not.toContain('k"');
  });
});
