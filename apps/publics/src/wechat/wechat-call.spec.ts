import { PublicsErrorCode } from '@app/contracts';
import { Registry } from 'prom-client';

import { PublicsException } from '../errors/publics.exception';
import { MetricsService } from '../metrics/metrics.service';
import { WechatTransportError } from './wechat.client';
import { WechatCaller } from './wechat-call';

describe(WechatCaller.name, () => {
  let registry: Registry;
  let sut: WechatCaller;

  beforeEach(() => {
    registry = new Registry();
    sut = new WechatCaller(new MetricsService(registry));
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as PublicsException,
    );

  it('answers a success and counts it', async () => {
    await expect(sut.call('msg_sec_check', async () => ({ errcode: 0 }))).resolves.toEqual({
      errcode: 0,
    });

    expect(await registry.metrics()).toContain(
      'wechat_gateway_calls_total{api="msg_sec_check",outcome="ok"} 1',
    );
  });

  it("maps an errcode with the API's meaning and counts it by errcode", async () => {
    const error = await failure(
      sut.call('getuserphonenumber', async () => ({ errcode: 40029, errmsg: 'invalid code' })),
    );

    expect(error?.code).toBe(PublicsErrorCode.INVALID_PHONE_CODE);
    expect(await registry.metrics()).toContain(
      'wechat_gateway_calls_total{api="getuserphonenumber",outcome="40029"} 1',
    );
  });

  it('answers the errcodes the caller reads as answers', async () => {
    await expect(
      sut.call('checksession', async () => ({ errcode: 87009 }), [87009]),
    ).resolves.toEqual({ errcode: 87009 });
  });

  it('turns a failed call into WECHAT_UNAVAILABLE, counted by failure', async () => {
    const error = await failure(
      sut.call('subscribe_send', async () => {
        throw new WechatTransportError('timeout', 'too slow');
      }),
    );

    expect(error?.code).toBe(PublicsErrorCode.WECHAT_UNAVAILABLE);
    expect(await registry.metrics()).toContain(
      'wechat_gateway_calls_total{api="subscribe_send",outcome="timeout"} 1',
    );
  });
});
