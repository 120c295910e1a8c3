import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { ManagedProcess } from '../tools/local-stack/managed-process';
import { ScaledStack } from '../tools/local-stack/scaled-stack';
import { appEntryPoints, stackEnvs } from '../tools/local-stack/stack-env';
import { freePort } from '../tools/net/free-port';
import { BenchTopology, TOPOLOGY_INSTANCES } from './config';
import { BenchDatabase, createBenchDatabase } from './database';

/** customer's HS256 key during the bench; it protects nothing. */
export const BENCH_JWT_SECRET = 'bench-only-jwt-secret-0123456789-abcdefghijklmnopqrstuv';
/** publics encrypts the session keys it stores with it (required in production). */
const BENCH_SESSION_KEY_SECRET = 'bench-only-session-key-secret-0123456789-abcdefghijk';
/** customer's default JWT_ISSUER, which the bench leaves as it is. */
export const BENCH_JWT_ISSUER = 'wechat-login-platform';
const BENCH_WECHAT_APPID = 'wx-bench-appid';
const BENCH_WECHAT_SECRET = 'bench-wechat-secret-value';

export interface BenchStackOptions {
  /** The compiled output's root: apps are at <distRoot>/apps/<app>/src/main.js. */
  distRoot: string;
  /** Where bare-server.js is (the compiled bench folder). */
  benchDir: string;
  /** MySQL/MariaDB server for a throwaway database; unset: embedded SQLite. */
  databaseUrl?: string;
  /** When set, customer and publics write a V8 CPU profile (.cpuprofile) there on exit. */
  cpuProfileDir?: string;
  /**
   * single: one customer and one publics over TCP, state in memory. scaled: the scaled
   * stack's topology, TOPOLOGY_INSTANCES.scaled customers and publics, publics over NATS, limits and
   * code exchanges in Redis, customers claiming their WORKER_ID (MySQL/MariaDB only).
   */
  topology: BenchTopology;
  natsUrl: string;
  redisUrl: string;
  /** When set, customer and publics count their allocation and report it there (heap-meter.ts). */
  heapMeterDir?: string;
  /** When set, customer and publics write a V8 sampling heap profile (.heapprofile) there on exit. */
  heapProfileDir?: string;
}

export interface BenchEndpoints {
  sandboxUrl: string;
  /** One per customer; the login load is spread over them. */
  customerUrls: string[];
  baselineUrl: string;
  /** Each publics' health and metrics HTTP base, in the order of `services.publics`. */
  publicsUrls: string[];
}

/** The processes of each service (customer-0, customer-1… in the scaled topology). */
export interface BenchServices {
  customer: ManagedProcess[];
  publics: ManagedProcess[];
  sandbox: ManagedProcess[];
}

/** A topology's processes and addresses, before they start. */
interface StartableServices extends Omit<BenchEndpoints, 'baselineUrl'> {
  services: BenchServices;
  start(): Promise<void>;
  /** Stops them, and those still to start in start() never start. */
  stop(): Promise<void>;
}

interface RunningStack {
  database: BenchDatabase;
  endpoints: BenchEndpoints;
  services: BenchServices;
}

/**
 * The system under test (WeChat sandbox, publics, customer on a throwaway
 * database; two customers and two publics in the scaled topology) and the bare
 * baseline server, as real processes on free ports.
 * stop() ends whatever was started, at any point, once.
 */
export class BenchStack {
  private processes: ManagedProcess[] = [];
  private topology?: StartableServices;
  private baseline?: ManagedProcess;
  private databaseCreation?: Promise<BenchDatabase>;
  private running?: RunningStack;
  private stopping?: Promise<void>;
  private rejectFailed: (error: Error) => void = () => undefined;

  /** Rejects when a process ends on its own after the start. */
  readonly failed: Promise<never>;

  constructor(private readonly options: BenchStackOptions) {
    this.failed = new Promise<never>((_resolve, reject) => {
      this.rejectFailed = reject;
    });
    this.failed.catch(() => undefined);
  }

  get database(): BenchDatabase {
    return this.started().database;
  }

  get endpoints(): BenchEndpoints {
    return this.started().endpoints;
  }

  get services(): BenchServices {
    return this.started().services;
  }

  async start(): Promise<void> {
    if (this.processes.length > 0 || this.databaseCreation) throw new Error('already started');
    this.databaseCreation = createBenchDatabase(this.options.databaseUrl);
    const database = await this.databaseCreation;
    if (this.stopping) throw new Error('stopped while starting');
    const baselinePort = await freePort();
    const baseline = new ManagedProcess({
      name: 'baseline',
      script: join(this.options.benchDir, 'bare-server.js'),
      env: { PATH: process.env.PATH, BARE_PORT: String(baselinePort) },
      port: baselinePort,
      output: 'capture',
    });
    const topology =
      this.options.topology === 'scaled'
        ? await this.scaled(database)
        : await this.single(database);
    const { services } = topology;
    this.topology = topology;
    this.baseline = baseline;
    this.processes = [...services.customer, ...services.publics, ...services.sandbox, baseline];
    if (this.stopping) throw new Error('stopped while starting');
    await Promise.all([topology.start(), baseline.start()]);

    for (const child of this.processes) {
      void child.exit.then((code) => {
        if (this.stopping) return;
        this.rejectFailed(
          new Error(
            `${child.options.name} stopped unexpectedly (${code === null ? 'killed by a signal' : `exit code ${code}`}):\n${child.output}`,
          ),
        );
      });
    }
    this.running = {
      database,
      services,
      endpoints: {
        sandboxUrl: topology.sandboxUrl,
        customerUrls: topology.customerUrls,
        publicsUrls: topology.publicsUrls,
        baselineUrl: `http://127.0.0.1:${baselinePort}`,
      },
    };
  }

  /** Variables every app of either topology runs with. */
  private baseEnv(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: BENCH_JWT_SECRET,
      SESSION_KEY_SECRET: BENCH_SESSION_KEY_SECRET,
      WECHAT_APPID: BENCH_WECHAT_APPID,
      WECHAT_SECRET: BENCH_WECHAT_SECRET,
      LOGIN_RATE_LIMIT: '0',
      CUSTOMER_HOST: '127.0.0.1',
    };
  }

  /** One customer (WORKER_ID=1) and one publics over TCP, state in memory. */
  private async single(database: BenchDatabase): Promise<StartableServices> {
    const ports = {
      sandbox: await freePort(),
      publics: await freePort(),
      publicsHealth: await freePort(),
      customer: await freePort(),
      customerRpc: await freePort(),
    };
    const envs = stackEnvs({ ...this.baseEnv(), WORKER_ID: '1' }, ports);
    const entry = appEntryPoints(this.options.distRoot);
    const app = (name: string, script: string, env: NodeJS.ProcessEnv, port: number) =>
      new ManagedProcess({ name, script, env, port, output: 'capture' });
    const sandbox = app('wechat-sandbox', entry.sandbox, envs.sandbox, ports.sandbox);
    const publics = app(
      'publics',
      entry.publics,
      { ...envs.publics, ...this.profiled('publics') },
      ports.publics,
    );
    const customer = app(
      'customer',
      entry.customer,
      { ...envs.customer, ...database.customerEnv, ...this.profiled('customer') },
      ports.customer,
    );
    const url = (port: number) => `http://127.0.0.1:${port}`;
    return {
      services: { customer: [customer], publics: [publics], sandbox: [sandbox] },
      sandboxUrl: url(ports.sandbox),
      customerUrls: [url(ports.customer)],
      publicsUrls: [url(ports.publicsHealth)],
      start: async () => {
        await Promise.all([customer, publics, sandbox].map((child) => child.start()));
      },
      stop: async () => {
        await Promise.all([customer, publics, sandbox].map((child) => child.stop()));
      },
    };
  }

  /**
   * The scaled stack's topology (tools/local-stack/scaled-stack.ts, as the scaled e2e test
   * runs it): customers claiming their WORKER_ID, publics in NATS' queue group, under subjects
   * and Redis keys of this run's own (the NATS and Redis may be shared; the keys all expire
   * within a minute).
   */
  private async scaled(database: BenchDatabase): Promise<StartableServices> {
    if (database.kind !== 'mysql') {
      throw new Error('the scaled topology runs several customers on one MySQL/MariaDB database');
    }
    const run = randomBytes(4).toString('hex');
    const stack = await ScaledStack.create({
      distRoot: this.options.distRoot,
      ...TOPOLOGY_INSTANCES.scaled,
      env: {
        ...this.baseEnv(),
        WORKER_ID: 'auto',
        PUBLICS_TRANSPORT: 'nats',
        NATS_URL: this.options.natsUrl,
        NATS_SUBJECT_PREFIX: `bench_${run}`,
        REDIS_URL: this.options.redisUrl,
        REDIS_KEY_PREFIX: `bench-${run}:`,
        ...database.customerEnv,
      },
      processEnv: (name, app) => (app === 'sandbox' ? {} : this.profiled(name)),
      output: 'capture',
    });
    return {
      services: {
        customer: stack.customers.map((instance) => instance.process),
        publics: stack.publics.map((instance) => instance.process),
        sandbox: [stack.sandbox.process],
      },
      sandboxUrl: stack.sandbox.url,
      customerUrls: stack.customers.map((instance) => instance.url),
      publicsUrls: stack.publics.map((instance) => instance.url),
      start: () => stack.start(),
      stop: () => stack.stop(),
    };
  }

  /** The preloads (profilers, heap meter) of the process called `name`. */
  private profiled(name: string): NodeJS.ProcessEnv {
    const { cpuProfileDir, heapMeterDir, heapProfileDir, benchDir } = this.options;
    const preloads: string[] = [];
    const env: NodeJS.ProcessEnv = {};
    if (cpuProfileDir) {
      preloads.push(join(benchDir, 'cpu-profile.js'));
      Object.assign(env, { BENCH_CPU_PROFILE_DIR: cpuProfileDir, BENCH_CPU_PROFILE_NAME: name });
    }
    if (heapProfileDir) {
      preloads.push(join(benchDir, 'heap-profile.js'));
      Object.assign(env, {
        BENCH_HEAP_PROFILE_DIR: heapProfileDir,
        BENCH_HEAP_PROFILE_NAME: name,
      });
    }
    if (heapMeterDir) {
      preloads.push(join(benchDir, 'heap-meter.js'));
      Object.assign(env, { BENCH_HEAP_METER_DIR: heapMeterDir, BENCH_HEAP_METER_NAME: name });
    }
    if (preloads.length > 0) {
      env.NODE_OPTIONS = preloads.map((preload) => `--require ${preload}`).join(' ');
    }
    return env;
  }

  /** Stops every process started so far (SIGTERM, SIGKILL after 10 s), then drops the database. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    const stopped = await Promise.allSettled([this.topology?.stop(), this.baseline?.stop()]);
    const database = await this.databaseCreation?.catch(() => undefined);
    await database?.drop();
    const failure = stopped.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private started(): RunningStack {
    if (!this.running) throw new Error('the bench stack has not started');
    return this.running;
  }
}
