import { SANDBOX_APPID } from '@app/common';

import { validatePublicsEnv } from './publics.env';

describe('validatePublicsEnv', () => {
  it('applies the defaults of the issue', () => {
    const sut = validatePublicsEnv({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' });

    expect(sut).toMatchObject({
      NODE_ENV: 'production',
      PUBLICS_HOST: '127.0.0.1',
      PUBLICS_PORT: 4000,
      WECHAT_API_BASE: 'https://api.weixin.qq.com',
      WECHAT_TIMEOUT_MS: 5000,
    });
  });

  it('converts numbers from the environment strings', () => {
    const sut = validatePublicsEnv({
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's',
      PUBLICS_PORT: '4555',
      WECHAT_TIMEOUT_MS: '700',
    });

    expect(sut).toMatchObject({ PUBLICS_PORT: 4555, WECHAT_TIMEOUT_MS: 700 });
  });

  it.each(['production', 'test'])(
    'requires WECHAT_APPID and WECHAT_SECRET when NODE_ENV is %s, naming both',
    (env) => {
      expect(() => validatePublicsEnv({ NODE_ENV: env })).toThrow(
        /WECHAT_APPID[\s\S]*WECHAT_SECRET/,
      );
    },
  );

  it("uses the sandbox's credentials in development", () => {
    expect(validatePublicsEnv({ NODE_ENV: 'development' }).WECHAT_APPID).toBe(SANDBOX_APPID);
  });

  it('lists every bad key at once', () => {
    const attempt = () =>
      validatePublicsEnv({
        WECHAT_APPID: 'wx1',
        WECHAT_SECRET: 's',
        PUBLICS_PORT: 'http',
        WECHAT_TIMEOUT_MS: '0',
        WECHAT_API_BASE: 'ftp://x',
      });

    expect(attempt).toThrow(/PUBLICS_PORT[\s\S]*WECHAT_API_BASE[\s\S]*WECHAT_TIMEOUT_MS/);
  });

  it.each([
    [undefined, 4001],
    ['4555', 4555],
    ['0', 0],
  ])('serves health and metrics on PUBLICS_HEALTH_PORT %s as port %s', (value, port) => {
    const sut = validatePublicsEnv({
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's',
      ...(value !== undefined && { PUBLICS_HEALTH_PORT: value }),
    });

    expect(sut.PUBLICS_HEALTH_PORT).toBe(port);
  });

  it.each(['65536', '-1', 'http'])('refuses PUBLICS_HEALTH_PORT %s', (value) => {
    expect(() =>
      validatePublicsEnv({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', PUBLICS_HEALTH_PORT: value }),
    ).toThrow(/PUBLICS_HEALTH_PORT/);
  });
});
