export type BenchTopology = 'single' | 'scaled';

/** How many customers and publics each topology runs. */
export const TOPOLOGY_INSTANCES: Record<BenchTopology, { customers: number; publics: number }> = {
  single: { customers: 1, publics: 1 },
  scaled: { customers: 2, publics: 2 },
};

/** What one bench run does, from the environment (BENCH_ROUNDS, BENCH_SECONDS, DATABASE_URL…). */
export interface BenchConfig {
  /** Measured rounds; each runs baseline, returning and new once. */
  rounds: number;
  /** Length of one workload run in a round. */
  seconds: number;
  /** autocannon connections, the same for every workload. */
  connections: number;
  /** Users logged in once before measuring, then drawn from by the returning workload. */
  knownUsers: number;
  /** Requests of the warm-up run of each workload (also the first rate estimate). */
  warmupRequests: number;
  /** Sandbox codes minted in parallel. */
  mintConcurrency: number;
  /**
   * Codes minted per round: this times the requests the round is expected to take at
   * the highest rate seen so far (warm-up and earlier rounds).
   */
  mintHeadroom: number;
  /** MySQL/MariaDB server to create a throwaway database on; unset: embedded SQLite. */
  databaseUrl?: string;
  /** When set, customer and publics are CPU-profiled and write .cpuprofile files there. */
  cpuProfileDir?: string;
  /**
   * BENCH_TOPOLOGY: single (default) or scaled (two customers and two publics, publics over
   * NATS, shared state in Redis, MySQL/MariaDB only).
   */
  topology: BenchTopology;
  natsUrl: string;
  redisUrl: string;
  /** When set, customer and publics write sampling heap profiles (allocations) there. */
  heapProfileDir?: string;
  /** Count the bytes customer and publics allocate per login (heap-meter.ts). */
  measureAllocation: boolean;
  /**
   * The compiled output whose apps are run (default: this build's), so that one bench can
   * measure another commit's build: paired before/after runs.
   */
  appsDist?: string;
}

function topology(env: NodeJS.ProcessEnv): BenchTopology {
  const raw = env.BENCH_TOPOLOGY?.trim() || 'single';
  if (raw !== 'single' && raw !== 'scaled') {
    throw new Error(`BENCH_TOPOLOGY must be single or scaled, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Two customers cannot share an embedded SQLite file: the scaled topology runs on MySQL/MariaDB. */
function checkScaledDatabase(topology: BenchTopology, databaseUrl: string | undefined): void {
  if (topology !== 'scaled') return;
  if (!databaseUrl) {
    throw new Error(
      'BENCH_TOPOLOGY=scaled runs two customers on one database, which embedded SQLite is not: ' +
        'set DATABASE_URL to a MySQL/MariaDB server, e.g. DATABASE_URL=mysql://root@127.0.0.1:3306/bench',
    );
  }
  if (!/^mysql:\/\//i.test(databaseUrl)) {
    throw new Error(
      `BENCH_TOPOLOGY=scaled needs DATABASE_URL to be a mysql:// URL (MySQL/MariaDB), got ${databaseUrl.split(':')[0]}:…`,
    );
  }
}

export function readBenchConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const config = readConfig(env);
  checkScaledDatabase(config.topology, config.databaseUrl);
  const { customers } = TOPOLOGY_INSTANCES[config.topology];
  if (config.connections < customers) {
    throw new Error(
      `BENCH_CONNECTIONS must be at least ${customers} (one per customer) with BENCH_TOPOLOGY=${config.topology}`,
    );
  }
  return config;
}

function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  return {
    rounds: positiveInteger(env, 'BENCH_ROUNDS', 5),
    seconds: positiveInteger(env, 'BENCH_SECONDS', 5),
    connections: positiveInteger(env, 'BENCH_CONNECTIONS', 32),
    knownUsers: 1000,
    warmupRequests: positiveInteger(env, 'BENCH_WARMUP_REQUESTS', 3000),
    mintConcurrency: 64,
    mintHeadroom: positiveNumber(env, 'BENCH_MINT_HEADROOM', 2),
    databaseUrl: env.DATABASE_URL || undefined,
    cpuProfileDir: env.BENCH_CPU_PROFILE_DIR || undefined,
    topology: topology(env),
    natsUrl: env.BENCH_NATS_URL || 'nats://127.0.0.1:4222',
    redisUrl: env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    heapProfileDir: env.BENCH_HEAP_PROFILE_DIR || undefined,
    measureAllocation: env.BENCH_ALLOCATION !== '0',
    appsDist: env.BENCH_APPS_DIST || undefined,
  };
}
