import { join } from 'node:path';

import { ManagedProcess } from '../../tools/local-stack/managed-process';
import { appEntryPoints, stackEnvs } from '../../tools/local-stack/stack-env';
import { freePort } from '../../tools/net/free-port';
import { natsTestEnv } from './nats';
import {
  CUSTOMER_TZ,
  TEST_JWT_AUDIENCE,
  TEST_JWT_ISSUER,
  TEST_JWT_SECRET,
  TEST_SESSION_KEY_SECRET,
} from './stack';
import { TestDatabase } from './test-database';

const entry = appEntryPoints(join(__dirname, '..', '..', 'dist'));

export interface ScaledStackOptions {
  database: TestDatabase;
  customers: number;
  publics: number;
  /** For every process, e.g. REDIS_URL and REDIS_KEY_PREFIX. */
  env?: Record<string, string>;
}

export interface Instance {
  process: ManagedProcess;
  /** customer: its HTTP base; publics: its health and metrics HTTP base. */
  url: string;
}

/**
 * The scaled topology as processes from dist/: customers and publics on the
 * real NATS under a subject prefix of their own, one sandbox, one database;
 * every customer claims its WORKER_ID with auto.
 */
export class ScaledStack {
  private constructor(
    readonly sandbox: Instance,
    readonly customers: Instance[],
    readonly publics: Instance[],
  ) {}

  static async start(options: ScaledStackOptions): Promise<ScaledStack> {
    const sandboxPort = await freePort();
    const base: NodeJS.ProcessEnv = {
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
    };
    // Over NATS nothing listens on PUBLICS_PORT; each instance below gets its own CUSTOMER_PORT.
    const envs = stackEnvs(base, { sandbox: sandboxPort, publics: 4000, customer: 3000 });
    const sandbox: Instance = {
      process: new ManagedProcess({
        name: 'wechat-sandbox',
        script: entry.sandbox,
        env: envs.sandbox,
        port: sandboxPort,
      }),
      url: `http://127.0.0.1:${sandboxPort}`,
    };
    const publics: Instance[] = [];
    for (let i = 0; i < options.publics; i += 1) {
      const healthPort = await freePort();
      publics.push({
        process: new ManagedProcess({
          name: `publics-${i}`,
          script: entry.publics,
          env: { ...envs.publics, PUBLICS_HEALTH_PORT: String(healthPort) },
          port: healthPort,
        }),
        url: `http://127.0.0.1:${healthPort}`,
      });
    }
    const customers: Instance[] = [];
    for (let i = 0; i < options.customers; i += 1) {
      const port = await freePort();
      customers.push({
        process: new ManagedProcess({
          name: `customer-${i}`,
          script: entry.customer,
          // The first applies the migrations; the others start once it has.
          env: {
            ...envs.customer,
            TZ: CUSTOMER_TZ,
            CUSTOMER_PORT: String(port),
            CUSTOMER_RPC_PORT: String(await freePort()),
            ...(i > 0 ? { DB_MIGRATE: 'false' } : {}),
          },
          port,
        }),
        url: `http://127.0.0.1:${port}`,
      });
    }
    const stack = new ScaledStack(sandbox, customers, publics);
    try {
      await Promise.all([sandbox.process.start(), ...publics.map((p) => p.process.start())]);
      await customers[0].process.start();
      await Promise.all(customers.slice(1).map((customer) => customer.process.start()));
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.customers, ...this.publics, this.sandbox].map((instance) => instance.process.stop()),
    );
  }
}
