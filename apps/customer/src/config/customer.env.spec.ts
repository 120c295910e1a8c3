import { DEVELOPMENT_JWT_SECRET, tokenLifetimeSeconds, validateCustomerEnv } from './customer.env';

const STRONG_SECRET = 'a-production-secret-of-more-than-32-bytes!';

describe('validateCustomerEnv', () => {
  it('applies the defaults of the issue', () => {
    const sut = validateCustomerEnv({ JWT_SECRET: STRONG_SECRET });

    expect(sut).toMatchObject({
      CUSTOMER_PORT: 3000,
      PUBLICS_PORT: 4000,
      RPC_TIMEOUT_MS: 8000,
      JWT_EXPIRES_IN: '7d',
      WORKER_ID: 0,
      DB_MIGRATE: false,
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
  ])('refuses %s=%s', (key, value) => {
    expect(() => validateCustomerEnv({ JWT_SECRET: STRONG_SECRET, [key]: value })).toThrow(
      new RegExp(key),
    );
  });

  it.each([
    ['auto', 'auto'],
    ['AUTO', 'auto'],
    ['17', 17],
  ])('reads WORKER_ID=%s as %p', (value, expected) => {
    expect(validateCustomerEnv({ JWT_SECRET: STRONG_SECRET, WORKER_ID: value }).WORKER_ID).toBe(
      expected,
    );
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
    expect(validateCustomerEnv({ JWT_SECRET: STRONG_SECRET, DB_MIGRATE: 'true' }).DB_MIGRATE).toBe(
      true,
    );
    expect(validateCustomerEnv({ JWT_SECRET: STRONG_SECRET, DB_MIGRATE: 'false' }).DB_MIGRATE).toBe(
      false,
    );
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
