import { freePort } from '../net/free-port';
import { ManagedProcess } from './managed-process';
import { appEntryPoints, StackApp, stackEnvs } from './stack-env';

export interface ScaledStackOptions {
  /** The compiled output's root: apps are at <distRoot>/apps/<app>/src/main.js. */
  distRoot: string;
  /**
   * Every process's variables: publics on NATS (PUBLICS_TRANSPORT=nats, NATS_URL and a subject
   * prefix of its own), Redis, the database (the first customer applies its migrations), secrets.
   */
  env: NodeJS.ProcessEnv;
  customers: number;
  publics: number;
  /** Variables of one process on top of `env`, by its name (wechat-sandbox, publics-0, customer-1…). */
  processEnv?: (name: string, app: StackApp) => NodeJS.ProcessEnv;
  output?: 'inherit' | 'capture';
}

export interface Instance {
  process: ManagedProcess;
  /** customer: its HTTP base; publics: its health and metrics HTTP base; sandbox: its HTTP base. */
  url: string;
}

/**
 * The scaled topology as processes: one WeChat sandbox, `publics` publics in NATS' queue group,
 * `customers` customers on one database, each on ports of its own; every customer claims its
 * WORKER_ID with auto unless `env` says otherwise. Used by the scaled e2e stack and the bench.
 */
export class ScaledStack {
  private stopped = false;

  private constructor(
    readonly sandbox: Instance,
    readonly customers: Instance[],
    readonly publics: Instance[],
  ) {}

  /** Every process, customers first; none is started. */
  get processes(): ManagedProcess[] {
    return [...this.customers, ...this.publics, this.sandbox].map((instance) => instance.process);
  }

  /** Picks the ports and prepares the processes without starting them. */
  static async create(options: ScaledStackOptions): Promise<ScaledStack> {
    const sandboxPort = await freePort();
    const base: NodeJS.ProcessEnv = { WORKER_ID: 'auto', ...options.env };
    // Over NATS nothing listens on PUBLICS_PORT; each instance below gets its own CUSTOMER_PORT.
    const envs = stackEnvs(base, { sandbox: sandboxPort, publics: 4000, customer: 3000 });
    const extra = options.processEnv ?? (() => ({}));
    const instance = (
      name: string,
      app: StackApp,
      env: NodeJS.ProcessEnv,
      port: number,
    ): Instance => ({
      process: new ManagedProcess({
        name,
        script: appEntryPoints(options.distRoot)[app],
        env: { ...env, ...extra(name, app) },
        port,
        output: options.output,
      }),
      url: `http://127.0.0.1:${port}`,
    });

    const sandbox = instance('wechat-sandbox', 'sandbox', envs.sandbox, sandboxPort);
    const publics: Instance[] = [];
    for (let i = 0; i < options.publics; i += 1) {
      // Over NATS publics has no RPC port; it opens its health port once subscribed.
      const healthPort = await freePort();
      const env = { ...envs.publics, PUBLICS_HEALTH_PORT: String(healthPort) };
      publics.push(instance(`publics-${i}`, 'publics', env, healthPort));
    }
    const customers: Instance[] = [];
    for (let i = 0; i < options.customers; i += 1) {
      const port = await freePort();
      const env = {
        ...envs.customer,
        CUSTOMER_PORT: String(port),
        CUSTOMER_RPC_PORT: String(await freePort()),
        // The first applies the migrations; the others start once it has.
        ...(i > 0 ? { DB_MIGRATE: 'false' } : {}),
      };
      customers.push(instance(`customer-${i}`, 'customer', env, port));
    }
    return new ScaledStack(sandbox, customers, publics);
  }

  /** create() and start(); stops whatever started when a process fails to. */
  static async start(options: ScaledStackOptions): Promise<ScaledStack> {
    const stack = await ScaledStack.create(options);
    try {
      await stack.start();
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  /** The sandbox and the publics, then the first customer (migrations), then the other customers. */
  async start(): Promise<void> {
    await Promise.all([this.sandbox, ...this.publics].map((instance) => instance.process.start()));
    const [first, ...others] = this.customers;
    await first?.process.start();
    if (this.stopped) throw new Error('stopped while starting');
    await Promise.all(others.map((customer) => customer.process.start()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.processes.map((child) => child.stop()));
  }
}
