import { join } from 'node:path';

import { ManagedProcess } from '../../tools/local-stack/managed-process';
import { appEntryPoints, stackEnvs } from '../../tools/local-stack/stack-env';
import { freePort } from '../../tools/net/free-port';
import { usesNats } from './nats';
import { TestDatabase } from './test-database';

const entry = appEntryPoints(join(__dirname, '..', '..', 'dist'));

export const TEST_JWT_SECRET = 'e2e-test-secret-that-is-long-enough-0123456789';
export const TEST_JWT_ISSUER = 'e2e-issuer';
export const TEST_JWT_AUDIENCE = 'e2e-audience';
/**
 * customer runs eight hours ahead of UTC (this host runs on UTC), so a time
 * written in local time instead of UTC shows in the stored rows.
 */
export const CUSTOMER_TZ = 'Asia/Shanghai';
/** publics encrypts the session keys it stores with it (required outside development). */
export const TEST_SESSION_KEY_SECRET = 'e2e-session-key-secret-long-enough-0123456789';

export interface StackOptions {
  database: TestDatabase;
  /** Extra variables for every process. */
  env?: Record<string, string>;
  publicsEnv?: Record<string, string>;
  customerEnv?: Record<string, string>;
}

/** sandbox, publics and customer as real processes from dist/, on free ports. */
export class TestStack {
  private readonly extraCustomers: ManagedProcess[] = [];

  private constructor(
    private readonly customerEnv: NodeJS.ProcessEnv,
    readonly sandbox: ManagedProcess,
    readonly publics: ManagedProcess,
    readonly customer: ManagedProcess,
    readonly sandboxUrl: string,
    readonly customerUrl: string,
    /** customer's RPC server (user.*, auth.introspect). */
    readonly customerRpcPort: number,
    /** publics' HTTP side: /health/live, /health/ready, /metrics. */
    readonly publicsHealthUrl: string,
  ) {}

  static async start(options: StackOptions): Promise<TestStack> {
    const ports = {
      sandbox: await freePort(),
      publics: await freePort(),
      customer: await freePort(),
      customerRpc: await freePort(),
      publicsHealth: await freePort(),
    };
    const base: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      JWT_SECRET: TEST_JWT_SECRET,
      JWT_ISSUER: TEST_JWT_ISSUER,
      JWT_AUDIENCE: TEST_JWT_AUDIENCE,
      WECHAT_APPID: 'wx-e2e-appid',
      WECHAT_SECRET: 'e2e-wechat-secret-value',
      WECHAT_RETRY_DELAY_MS: '50',
      SESSION_KEY_SECRET: TEST_SESSION_KEY_SECRET,
      CUSTOMER_HOST: '127.0.0.1',
      // Most suites log in far more than a person would; the rate-limit suite sets its own.
      LOGIN_RATE_LIMIT: '0',
      LOGIN_CODE_RATE_LIMIT: '0',
      ...options.database.env,
      ...options.env,
    };
    const envs = stackEnvs(base, ports);
    const customerEnv = { ...envs.customer, TZ: CUSTOMER_TZ, ...options.customerEnv };
    const sandbox = new ManagedProcess({
      name: 'wechat-sandbox',
      script: entry.sandbox,
      env: envs.sandbox,
      port: ports.sandbox,
    });
    const publicsEnv = { ...envs.publics, ...options.publicsEnv };
    const publics = new ManagedProcess({
      name: 'publics',
      script: entry.publics,
      env: publicsEnv,
      // Over NATS publics has no RPC port; it opens its health port once subscribed.
      port: usesNats(publicsEnv) ? ports.publicsHealth : ports.publics,
    });
    const customer = new ManagedProcess({
      name: 'customer',
      script: entry.customer,
      env: customerEnv,
      port: ports.customer,
    });
    const stack = new TestStack(
      customerEnv,
      sandbox,
      publics,
      customer,
      `http://127.0.0.1:${ports.sandbox}`,
      `http://127.0.0.1:${ports.customer}`,
      ports.customerRpc,
      `http://127.0.0.1:${ports.publicsHealth}`,
    );
    try {
      await Promise.all([sandbox.start(), publics.start(), customer.start()]);
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  /** Another customer instance on the same database and publics (not started yet). */
  async extraCustomer(
    env: Record<string, string>,
    readyTimeoutMs?: number,
  ): Promise<{ process: ManagedProcess; url: string }> {
    const port = await freePort();
    const process = new ManagedProcess({
      name: 'customer-extra',
      script: entry.customer,
      env: {
        ...this.customerEnv,
        DB_MIGRATE: 'false',
        ...env,
        CUSTOMER_PORT: String(port),
        CUSTOMER_RPC_PORT: String(await freePort()),
      },
      port,
      readyTimeoutMs,
    });
    this.extraCustomers.push(process);
    return { process, url: `http://127.0.0.1:${port}` };
  }

  /** Stops every process, extra customers included (a failed test may leave one running). */
  async stop(): Promise<void> {
    const processes = [...this.extraCustomers, this.customer, this.publics, this.sandbox];
    await Promise.all(processes.map((managed) => managed.stop()));
  }

  /** Everything the three processes logged. */
  logs(): string {
    return [this.sandbox.output, this.publics.output, this.customer.output].join('\n');
  }
}
