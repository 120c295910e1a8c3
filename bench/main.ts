import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { BenchConfig, readBenchConfig } from './config';
import { clockTicksPerSecond, residentMegabytes } from './cpu';
import { measureMicroFigures } from './micro';
import { BenchResults, formatReport, writeResults } from './report';
import { runRounds } from './rounds';
import { BENCH_JWT_ISSUER, BENCH_JWT_SECRET, BenchStack } from './stack';
import { checkTargets, ServiceMemory, summarize } from './summary';

/**
 * `npm run bench`: login throughput of the real stack against a bare Node
 * server on the same machine, plus micro figures, RSS and pass/fail per target.
 * Exits 0 whatever the targets say; non-zero when the bench itself fails.
 */
const distRoot = join(__dirname, '..');
const RESULTS_PATH = join(distRoot, 'bench-results.json');

let stack: BenchStack | undefined;
let interrupted = false;

const log = (line: string): void => console.log(`[bench] ${line}`);

function pidOf(child: { pid: number | undefined; options: { name: string } }): number {
  if (child.pid === undefined) throw new Error(`${child.options.name} has no pid`);
  return child.pid;
}

async function bench(
  config: BenchConfig,
  stack: BenchStack,
  heapMeterDir: string | undefined,
): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  log(
    `starting the ${config.topology} stack (${config.databaseUrl ? 'MySQL' : 'embedded SQLite'})…`,
  );
  await stack.start();
  const pids = {
    customer: pidOf(stack.customer),
    publics: pidOf(stack.publics),
    sandbox: pidOf(stack.sandbox),
  };
  const atStart = {
    customerAtStartMb: residentMegabytes(pids.customer),
    publicsAtStartMb: residentMegabytes(pids.publics),
  };
  const ticksPerSecond = clockTicksPerSecond();
  const database = `${stack.database.kind} (${stack.database.description})`;

  const measured = await Promise.race([
    runRounds({ config, endpoints: stack.endpoints, pids, ticksPerSecond, heapMeterDir, log }),
    stack.failed,
  ]);
  const memory: ServiceMemory = {
    customerMb: residentMegabytes(pids.customer),
    publicsMb: residentMegabytes(pids.publics),
    ...atStart,
  };
  log('stopping the stack…');
  await stack.stop();

  log('micro figures…');
  const micro = await measureMicroFigures(BENCH_JWT_SECRET, BENCH_JWT_ISSUER);
  const summaries = summarize(measured.rounds);
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    config: {
      rounds: config.rounds,
      seconds: config.seconds,
      connections: config.connections,
      knownUsers: config.knownUsers,
    },
    environment: {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      database,
      topology: config.topology,
      clockTicksPerSecond: ticksPerSecond,
    },
    warmup: measured.warmup,
    rounds: measured.rounds,
    summaries,
    micro,
    memory,
    targets: checkTargets(summaries, micro, memory),
  };
}

async function main(): Promise<void> {
  const config = readBenchConfig(process.env);
  const heapMeterDir = config.measureAllocation
    ? mkdtempSync(join(tmpdir(), 'bench-heap-'))
    : undefined;
  stack = new BenchStack({
    distRoot: config.appsDist ?? distRoot,
    benchDir: __dirname,
    databaseUrl: config.databaseUrl,
    cpuProfileDir: config.cpuProfileDir,
    topology: config.topology,
    natsUrl: config.natsUrl,
    redisUrl: config.redisUrl,
    heapProfileDir: config.heapProfileDir,
    heapMeterDir,
  });
  if (config.appsDist) log(`running the apps of ${config.appsDist}`);
  const results = await bench(config, stack, heapMeterDir).finally(() => {
    if (heapMeterDir) rmSync(heapMeterDir, { recursive: true, force: true });
  });
  console.log(`\n${formatReport(results)}\n`);
  await writeResults(RESULTS_PATH, results);
  log(`results written to ${RESULTS_PATH}`);
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) return;
  interrupted = true;
  console.error(`\n[bench] ${signal}: stopping every process…`);
  void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    if (interrupted) return;
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    await stack?.stop().catch((stopError: unknown) => console.error(stopError));
    process.exit(1);
  },
);
