import { SANDBOX_APPID } from '@app/common';

import {
  configuredAppids,
  DEVELOPMENT_JWT_SECRET,
  tokenLifetimeSeconds,
  validateCustomerEnv,
} from './customer.env';

const STRONG_SECRET = 'a-production-secret-of-more-than-32-bytes!';
/** What production must set. */
const REQUIRED = { JWT_SECRET: STRONG_SECRET, WECHAT_APPIDS: 'wx0123456789abcdef' };

describe('validateCustomerEnv', () => {
  it('applies the defaults of the issue', () => {
    const sut = validateCustomerEnv(REQUIRED);

    expect(sut).toMatchObject({
      CUSTOMER_PORT: 3000,
      PUBLICS_PORT: 4000,
      RPC_TIMEOUT_MS: 8000,
      JWT_EXPIRES_IN: '7d',
      WORKER_ID: 0,
      DB_MIGRATE: false,
      CUSTOMER_RPC_PORT: 3001,
      AUDIT_RETENTION_DAYS: 180,
      PHONE_UNIQUE: true,
    });
    expect(sut.DATABASE_URL).toBeUndefined();
  });

  it('requires a JWT_SECRET outside development', () => {
    expect(() => validateCustomerEnv({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: is required/,
    );
  });

  it('refuses the development secret and short secrets outside development', () => {
    expect(() => validateCustomerEnv({ JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(
      /development default/,
    );
    expect(() => validateCustomerEnv({ JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
  });

  it('requires WECHAT_APPIDS outside development, and takes the sandbox appid in development', () => {
    expect(() => validateCustomerEnv({ JWT_SECRET: STRONG_SECRET })).toThrow(
      /WECHAT_APPIDS: is required/,
    );
    expect(validateCustomerEnv({ NODE_ENV: 'development' }).WECHAT_APPIDS).toBe(SANDBOX_APPID);
  });

  it('reads WECHAT_APPIDS as a list, the default first, and refuses what is not a list of appids', () => {
    const env = validateCustomerEnv({ ...REQUIRED, WECHAT_APPIDS: ' wxa , wx-b,wx_c ' });

    expect(configuredAppids(env.WECHAT_APPIDS as string)).toEqual(['wxa', 'wx-b', 'wx_c']);
    for (const bad of ['wx a', 'wxa,,wxb', 'wx/a', 'x'.repeat(65)]) {
      expect(() => validateCustomerEnv({ ...REQUIRED, WECHAT_APPIDS: bad })).toThrow(
        /WECHAT_APPIDS/,
      );
    }
  });

  it('reads PHONE_UNIQUE=false as false and anything else as true', () => {
    expect(validateCustomerEnv({ ...REQUIRED, PHONE_UNIQUE: 'false' }).PHONE_UNIQUE).toBe(false);
    expect(validateCustomerEnv({ ...REQUIRED, PHONE_UNIQUE: 'true' }).PHONE_UNIQUE).toBe(true);
  });

  it('uses the development secret in development', () => {
    expect(validateCustomerEnv({ NODE_ENV: 'development' }).JWT_SECRET).toBe(
      DEVELOPMENT_JWT_SECRET,
    );
  });

  it.each([
    ['WORKER_ID', '1024'],
    ['WORKER_ID', '-1'],
    ['WORKER_ID', 'automatic'],
    ['DATABASE_URL', 'postgres://x/y'],
    ['JWT_EXPIRES_IN', '7 days'],
    ['CUSTOMER_PORT', 'eighty'],
    ['LOGIN_RATE_LIMIT', '1000001'],
    ['LOGIN_CODE_RATE_LIMIT', '1000001'],
  ])('refuses %s=%s', (key, value) => {
    expect(() => validateCustomerEnv({ ...REQUIRED, [key]: value })).toThrow(new RegExp(key));
  });

  it('takes login limits up to 1,000,000', () => {
    const env = validateCustomerEnv({
      ...REQUIRED,
      LOGIN_RATE_LIMIT: '1000000',
      LOGIN_CODE_RATE_LIMIT: '1000000',
    });
    expect([env.LOGIN_RATE_LIMIT, env.LOGIN_CODE_RATE_LIMIT]).toEqual([1_000_000, 1_000_000]);
  });

  it.each([
    ['auto', 'auto'],
    ['AUTO', 'auto'],
    ['17', 17],
  ])('reads WORKER_ID=%s as %p', (value, expected) => {
    expect(validateCustomerEnv({ ...REQUIRED, WORKER_ID: value }).WORKER_ID).toBe(expected);
  });

  it.each([
    ['PUBLICS_TRANSPORT', 'grpc'],
    ['NATS_URL', 'http://127.0.0.1:4222'],
    ['NATS_URL', 'nats://a:4222,,nats://b:4222'],
    ['NATS_SUBJECT_PREFIX', 'has space'],
    ['NATS_SUBJECT_PREFIX', 'wild.*'],
  ])('refuses %s=%s', (key, value) => {
    expect(() => validateCustomerEnv({ JWT_SECRET: STRONG_SECRET, [key]: value })).toThrow(
      new RegExp(key),
    );
  });

  it('reads DB_MIGRATE as a boolean', () => {
    expect(validateCustomerEnv({ ...REQUIRED, DB_MIGRATE: 'true' }).DB_MIGRATE).toBe(true);
    expect(validateCustomerEnv({ ...REQUIRED, DB_MIGRATE: 'false' }).DB_MIGRATE).toBe(false);
  });
});

describe(tokenLifetimeSeconds.name, () => {
  it.each([
    ['7d', 604800],
    ['12h', 43200],
    ['90', 90],
    ['15m', 900],
  ])('reads %s as %i seconds', (value, seconds) => {
    expect(tokenLifetimeSeconds(value)).toBe(seconds);
  });
});
