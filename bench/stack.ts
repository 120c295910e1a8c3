import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { ManagedProcess } from '../tools/local-stack/managed-process';
import { appEntryPoints, stackEnvs } from '../tools/local-stack/stack-env';
import { BenchDatabase, createBenchDatabase } from './database';
import { freePort } from '../tools/net/free-port';

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
   * single: publics over TCP, state in memory. scaled: the transport and shared state of
   * the scaled stack (publics over NATS, limits and code exchanges in Redis), still one
   * customer and one publics, so the figures compare per login.
   */
  topology: BenchTopology;
  natsUrl: string;
  redisUrl: string;
  /** When set, customer and publics count their allocation and report it there (heap-meter.ts). */
  heapMeterDir?: string;
  /** When set, customer and publics write a V8 sampling heap profile (.heapprofile) there on exit. */
  heapProfileDir?: string;
}

export type BenchTopology = 'single' | 'scaled';

export interface BenchEndpoints {
  sandboxUrl: string;
  customerUrl: string;
  baselineUrl: string;
}

interface RunningStack {
  database: BenchDatabase;
  endpoints: BenchEndpoints;
  customer: ManagedProcess;
  publics: ManagedProcess;
  sandbox: ManagedProcess;
}

/**
 * The system under test (WeChat sandbox, publics, customer on a throwaway
 * database) and the bare baseline server, as real processes on free ports.
 * stop() ends whatever was started, at any point, once.
 */
export class BenchStack {
  private processes: ManagedProcess[] = [];
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

  get customer(): ManagedProcess {
    return this.started().customer;
  }

  get publics(): ManagedProcess {
    return this.started().publics;
  }

  get sandbox(): ManagedProcess {
    return this.started().sandbox;
  }

  async start(): Promise<void> {
    if (this.processes.length > 0 || this.databaseCreation) throw new Error('already started');
    this.databaseCreation = createBenchDatabase(this.options.databaseUrl);
    const database = await this.databaseCreation;
    const ports = {
      sandbox: await freePort(),
      publics: await freePort(),
      publicsHealth: await freePort(),
      customer: await freePort(),
      customerRpc: await freePort(),
      baseline: await freePort(),
    };
    const scaled = this.options.topology === 'scaled';
    // Its own subjects and keys: the NATS and Redis may be shared (the keys all expire within a minute).
    const run = randomBytes(4).toString('hex');
    const sharedState: NodeJS.ProcessEnv = scaled
      ? {
          PUBLICS_TRANSPORT: 'nats',
          NATS_URL: this.options.natsUrl,
          NATS_SUBJECT_PREFIX: `bench_${run}`,
          REDIS_URL: this.options.redisUrl,
          REDIS_KEY_PREFIX: `bench-${run}:`,
        }
      : {};
    if (this.stopping) throw new Error('stopped while starting');

    const envs = stackEnvs(
      {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        JWT_SECRET: BENCH_JWT_SECRET,
        SESSION_KEY_SECRET: BENCH_SESSION_KEY_SECRET,
        WECHAT_APPID: BENCH_WECHAT_APPID,
        WECHAT_SECRET: BENCH_WECHAT_SECRET,
        LOGIN_RATE_LIMIT: '0',
        CUSTOMER_HOST: '127.0.0.1',
        WORKER_ID: '1',
        ...sharedState,
      },
      ports,
    );
    const profiled = (name: string): NodeJS.ProcessEnv => {
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
    };
    const entry = appEntryPoints(this.options.distRoot);
    const app = (name: string, script: string, env: NodeJS.ProcessEnv, port: number) =>
      new ManagedProcess({ name, script, env, port, output: 'capture' });
    const sandbox = app('wechat-sandbox', entry.sandbox, envs.sandbox, ports.sandbox);
    const publics = app(
      'publics',
      entry.publics,
      { ...envs.publics, ...profiled('publics') },
      // Over NATS publics has no RPC port; it opens its health port once subscribed.
      scaled ? ports.publicsHealth : ports.publics,
    );
    const customer = app(
      'customer',
      entry.customer,
      {
        ...envs.customer,
        ...database.customerEnv,
        ...profiled('customer'),
      },
      ports.customer,
    );
    const baseline = app(
      'baseline',
      join(this.options.benchDir, 'bare-server.js'),
      { PATH: process.env.PATH, BARE_PORT: String(ports.baseline) },
      ports.baseline,
    );
    this.processes = [customer, publics, sandbox, baseline];
    await Promise.all(this.processes.map((child) => child.start()));

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
    const url = (port: number) => `http://127.0.0.1:${port}`;
    this.running = {
      database,
      customer,
      publics,
      sandbox,
      endpoints: {
        sandboxUrl: url(ports.sandbox),
        customerUrl: url(ports.customer),
        baselineUrl: url(ports.baseline),
      },
    };
  }

  /** Stops every process started so far (SIGTERM, SIGKILL after 10 s), then drops the database. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    const stopped = await Promise.allSettled(this.processes.map((child) => child.stop()));
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
