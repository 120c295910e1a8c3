import { SANDBOX_APPID } from '@app/common';

import { validatePublicsEnv, wechatAppsOf } from './publics.env';

const SESSION_KEY_SECRET = 'a-session-key-secret-of-32-chars-or-more';
const REQUIRED = { WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', SESSION_KEY_SECRET };

describe('validatePublicsEnv', () => {
  it('applies the defaults of the issue', () => {
    const sut = validatePublicsEnv({ ...REQUIRED });

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
      ...REQUIRED,
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
      ...REQUIRED,
      ...(value !== undefined && { PUBLICS_HEALTH_PORT: value }),
    });

    expect(sut.PUBLICS_HEALTH_PORT).toBe(port);
  });

  it.each(['65536', '-1', 'http'])('refuses PUBLICS_HEALTH_PORT %s', (value) => {
    expect(() => validatePublicsEnv({ ...REQUIRED, PUBLICS_HEALTH_PORT: value })).toThrow(
      /PUBLICS_HEALTH_PORT/,
    );
  });

  describe('several mini-programs', () => {
    const apps = JSON.stringify([
      { appid: 'wx-a', secret: 'secret-a' },
      { appid: 'wx-b', secret: 'secret-b' },
    ]);

    it('accepts WECHAT_APPS alone and serves its first app by default', () => {
      const sut = validatePublicsEnv({ WECHAT_APPS: apps, SESSION_KEY_SECRET });

      expect(wechatAppsOf(sut).map((app) => app.appid)).toEqual(['wx-a', 'wx-b']);
    });

    it('puts the WECHAT_APPID app first when both are set', () => {
      const sut = validatePublicsEnv({ ...REQUIRED, WECHAT_APPS: apps });

      expect(wechatAppsOf(sut).map((app) => app.appid)).toEqual(['wx1', 'wx-a', 'wx-b']);
    });

    it.each([
      ['not JSON', '[{', /WECHAT_APPS: is not JSON/],
      ['an empty list', '[]', /non-empty JSON list/],
      ['an entry without secret', '[{"appid":"wx-a"}]', /entry 0 \(wx-a\): secret/],
      ['an unknown field', '[{"appid":"wx-a","secret":"s","token":"t"}]', /unknown fields: token/],
      ['a bad appid', '[{"appid":"wx a","secret":"s"}]', /entry 0: appid/],
      [
        'one appid with two secrets',
        '[{"appid":"wx-a","secret":"one"},{"appid":"wx-a","secret":"two"}]',
        /wx-a is configured twice/,
      ],
    ])('refuses WECHAT_APPS that is %s, without echoing a secret', (_case, value, message) => {
      const attempt = () => validatePublicsEnv({ WECHAT_APPS: value, SESSION_KEY_SECRET });

      expect(attempt).toThrow(message);
      expect(attempt).not.toThrow(/one|two|secret-a/);
    });
  });

  describe('SESSION_KEY_SECRET', () => {
    it.each(['production', 'test'])('is required when NODE_ENV is %s', (env) => {
      expect(() =>
        validatePublicsEnv({ NODE_ENV: env, WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }),
      ).toThrow(/SESSION_KEY_SECRET: is required/);
    });

    it('refuses fewer than 32 characters', () => {
      expect(() => validatePublicsEnv({ ...REQUIRED, SESSION_KEY_SECRET: 'short' })).toThrow(
        /SESSION_KEY_SECRET/,
      );
    });

    it('has a development default, and keeps session keys three days by default', () => {
      const sut = validatePublicsEnv({ NODE_ENV: 'development' });

      expect(sut.SESSION_KEY_SECRET).toEqual(expect.any(String));
      expect(sut.SESSION_KEY_TTL_SECONDS).toBe(259200);
    });
  });
});
