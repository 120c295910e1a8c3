import { PublicsErrorCode } from '@app/contracts';
import { Registry } from 'prom-client';

import { PublicsException } from '../errors/publics.exception';
import { WechatTransportError } from '../wechat/wechat.client';
import { errcodeLabel, MetricsService } from './metrics.service';

describe(MetricsService.name, () => {
  let registry: Registry;
  let sut: MetricsService;

  beforeEach(() => {
    registry = new Registry();
    sut = new MetricsService(registry);
  });

  const metrics = () => registry.metrics();
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (reason: unknown) => reason,
    );

  describe('timeWechatCall', () => {
    it('times an answer without errcode as ok and passes it on', async () => {
      const answer = { openid: 'o1', session_key: 'k' };

      await expect(sut.timeWechatCall(async () => answer)).resolves.toBe(answer);

      expect(await metrics()).toContain('wechat_api_duration_seconds_count{outcome="ok"} 1');
      expect(await metrics()).not.toMatch(/^wechat_errcodes_total\{/m);
    });

    it('times an errcode answer and counts the errcode', async () => {
      await sut.timeWechatCall(async () => ({ errcode: 40163, errmsg: 'code been used' }));
      await sut.timeWechatCall(async () => ({ errcode: 40163, errmsg: 'code been used' }));

      expect(await metrics()).toContain('wechat_api_duration_seconds_count{outcome="errcode"} 2');
      expect(await metrics()).toContain('wechat_errcodes_total{errcode="40163"} 2');
    });

    it('treats errcode 0 as an answer without errcode', async () => {
      await sut.timeWechatCall(async () => ({ errcode: 0, openid: 'o1' }));

      expect(await metrics()).toContain('wechat_api_duration_seconds_count{outcome="ok"} 1');
    });

    it.each(['timeout', 'network', 'http-status', 'not-json'] as const)(
      'times a %s failure under its kind and rethrows it',
      async (failure) => {
        const error = new WechatTransportError(failure, 'detail');

        expect(
          await failureOf(
            sut.timeWechatCall(async () => {
              throw error;
            }),
          ),
        ).toBe(error);
        expect(await metrics()).toContain(
          `wechat_api_duration_seconds_count{outcome="${failure}"} 1`,
        );
      },
    );

    it('times any other failure as error', async () => {
      await failureOf(
        sut.timeWechatCall(async () => {
          throw new TypeError('bug');
        }),
      );

      expect(await metrics()).toContain('wechat_api_duration_seconds_count{outcome="error"} 1');
    });
  });

  describe('countExchange', () => {
    it('counts a successful exchange and passes its result on', async () => {
      await expect(sut.countExchange(Promise.resolve({ openid: 'o1' }))).resolves.toEqual({
        openid: 'o1',
      });

      expect(await metrics()).toContain('wechat_code2session_total{outcome="success"} 1');
    });

    it('counts a failed exchange under its contract code and rethrows the error', async () => {
      const error = new PublicsException({
        code: PublicsErrorCode.INVALID_LOGIN_CODE,
        message: 'used',
      });

      expect(await failureOf(sut.countExchange(Promise.reject(error)))).toBe(error);
      expect(await metrics()).toContain(
        'wechat_code2session_total{outcome="INVALID_LOGIN_CODE"} 1',
      );
    });

    it('counts an unexpected failure as INTERNAL_ERROR', async () => {
      await failureOf(sut.countExchange(Promise.reject(new Error('bug'))));

      expect(await metrics()).toContain('wechat_code2session_total{outcome="INTERNAL_ERROR"} 1');
    });
  });
});

describe(errcodeLabel.name, () => {
  it.each([
    [40029, '40029'],
    [40163, '40163'],
    [-1, '-1'],
    [45011, '45011'],
    [40125, '40125'],
  ])('labels the errcode %s that publics maps by its value', (errcode, label) => {
    expect(errcodeLabel(errcode)).toBe(label);
  });

  it.each([99999, 12345, -2])('labels the unmapped errcode %s as other', (errcode) => {
    expect(errcodeLabel(errcode)).toBe('other');
  });
});
