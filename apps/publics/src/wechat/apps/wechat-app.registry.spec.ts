import { PublicsErrorCode } from '@app/contracts';
import { ConfigService } from '@nestjs/config';

import { PublicsException } from '../../errors/publics.exception';
import { WechatAppRegistry } from './wechat-app.registry';

function registry(env: Record<string, string>): WechatAppRegistry {
  return new WechatAppRegistry(new ConfigService(env) as never);
}

describe(WechatAppRegistry.name, () => {
  const apps = JSON.stringify([
    { appid: 'wx-a', secret: 'sa' },
    { appid: 'wx-b', secret: 'sb' },
  ]);

  it('serves the first app of WECHAT_APPS to a payload without appid', () => {
    expect(registry({ WECHAT_APPS: apps }).resolve(undefined)).toEqual({
      appid: 'wx-a',
      secret: 'sa',
    });
  });

  it('serves WECHAT_APPID first when it is set beside WECHAT_APPS', () => {
    const sut = registry({ WECHAT_APPID: 'wx-0', WECHAT_SECRET: 's0', WECHAT_APPS: apps });

    expect(sut.resolve(undefined).appid).toBe('wx-0');
    expect(sut.apps.map((app) => app.appid)).toEqual(['wx-0', 'wx-a', 'wx-b']);
  });

  it('serves WECHAT_APPID alone as before', () => {
    expect(registry({ WECHAT_APPID: 'wx-0', WECHAT_SECRET: 's0' }).resolve('wx-0')).toEqual({
      appid: 'wx-0',
      secret: 's0',
    });
  });

  it('finds a named app', () => {
    expect(registry({ WECHAT_APPS: apps }).resolve('wx-b').secret).toBe('sb');
  });

  it('refuses an unknown appid with UNKNOWN_APPID, naming it', () => {
    const attempt = () => registry({ WECHAT_APPS: apps }).resolve('wx-z');

    expect(attempt).toThrow(PublicsException);
    try {
      attempt();
    } catch (error) {
      expect((error as PublicsException).contractError).toEqual({
        code: PublicsErrorCode.UNKNOWN_APPID,
        message: expect.stringContaining('wx-z'),
      });
    }
  });
});
