import {
  DEFAULT_SANDBOX_APPID,
  DEFAULT_SANDBOX_SECRET,
  sandboxListenAddress,
  validateSandboxEnv,
} from './sandbox.env';

describe('validateSandboxEnv', () => {
  it('applies the defaults when nothing is set', () => {
    const sut = validateSandboxEnv({});

    expect(sut).toMatchObject({
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      WECHAT_SANDBOX_HOST: '127.0.0.1',
      WECHAT_SANDBOX_PORT: 4100,
      WECHAT_SANDBOX_APPID: 'wx5a4d0000sandbox',
      WECHAT_SANDBOX_SECRET: 'sandbox-secret-for-local-development',
    });
    expect(DEFAULT_SANDBOX_APPID).toBe('wx5a4d0000sandbox');
    expect(DEFAULT_SANDBOX_SECRET).toBe('sandbox-secret-for-local-development');
  });

  it('treats empty variables as unset', () => {
    expect(validateSandboxEnv({ WECHAT_SANDBOX_PORT: '', LOG_LEVEL: '' })).toMatchObject({
      WECHAT_SANDBOX_PORT: 4100,
      LOG_LEVEL: 'info',
    });
  });

  it('reads the port as a number and keeps the given credentials', () => {
    const sut = validateSandboxEnv({
      WECHAT_SANDBOX_PORT: '4199',
      WECHAT_SANDBOX_APPID: 'wx-other',
      WECHAT_SANDBOX_SECRET: 'other-secret',
    });

    expect(sut).toMatchObject({
      WECHAT_SANDBOX_PORT: 4199,
      WECHAT_SANDBOX_APPID: 'wx-other',
      WECHAT_SANDBOX_SECRET: 'other-secret',
    });
  });

  it('lists every bad key and why at once', () => {
    const attempt = () =>
      validateSandboxEnv({
        NODE_ENV: 'staging',
        LOG_LEVEL: 'loud',
        WECHAT_SANDBOX_PORT: '70000',
      });

    expect(attempt).toThrow(/Invalid configuration \(SandboxEnv\)/);
    expect(attempt).toThrow(/NODE_ENV: NODE_ENV must be one of/);
    expect(attempt).toThrow(/LOG_LEVEL: LOG_LEVEL must be one of/);
    expect(attempt).toThrow(/WECHAT_SANDBOX_PORT: WECHAT_SANDBOX_PORT must not be greater than/);
  });

  it.each(['abc', '1.5', '-1'])('refuses the port %p', (port) => {
    expect(() => validateSandboxEnv({ WECHAT_SANDBOX_PORT: port })).toThrow(/WECHAT_SANDBOX_PORT/);
  });
});

describe(sandboxListenAddress.name, () => {
  it('answers the host and port to listen on', () => {
    expect(sandboxListenAddress({ WECHAT_SANDBOX_PORT: '0' })).toEqual({
      host: '127.0.0.1',
      port: 0,
    });
  });
});
