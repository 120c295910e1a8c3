import { join } from 'node:path';

import { ScaledStack } from '../../tools/local-stack/scaled-stack';
import { natsTestEnv } from './nats';
import {
  CUSTOMER_TZ,
  TEST_JWT_AUDIENCE,
  TEST_JWT_ISSUER,
  TEST_JWT_SECRET,
  TEST_SESSION_KEY_SECRET,
} from './stack';
import { TestDatabase } from './test-database';

export type { Instance } from '../../tools/local-stack/scaled-stack';
export { ScaledStack };

export interface ScaledTestStackOptions {
  database: TestDatabase;
  customers: number;
  publics: number;
  /** For every process, e.g. REDIS_URL and REDIS_KEY_PREFIX. */
  env?: Record<string, string>;
}

/**
 * The scaled topology as processes from dist/: customers and publics on the
 * real NATS under a subject prefix of their own, one sandbox, one database;
 * every customer claims its WORKER_ID with auto.
 */
export function startScaledStack(options: ScaledTestStackOptions): Promise<ScaledStack> {
  return ScaledStack.start({
    distRoot: join(__dirname, '..', '..', 'dist'),
    customers: options.customers,
    publics: options.publics,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      JWT_SECRET: TEST_JWT_SECRET,
      JWT_ISSUER: TEST_JWT_ISSUER,
      JWT_AUDIENCE: TEST_JWT_AUDIENCE,
      WECHAT_APPID: 'wx-e2e-appid',
      WECHAT_SECRET: 'e2e-wechat-secret-value',
      SESSION_KEY_SECRET: TEST_SESSION_KEY_SECRET,
      WECHAT_RETRY_DELAY_MS: '50',
      CUSTOMER_HOST: '127.0.0.1',
      LOGIN_RATE_LIMIT: '0',
      LOGIN_CODE_RATE_LIMIT: '0',
      WORKER_ID: 'auto',
      ...options.database.env,
      ...natsTestEnv(),
      ...options.env,
    },
    processEnv: (_name, app) => (app === 'customer' ? { TZ: CUSTOMER_TZ } : {}),
  });
}
