import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { ManagedProcess } from '../tools/local-stack/managed-process';
import { BenchConfig, readBenchConfig, TOPOLOGY_INSTANCES } from './config';
import { clockTicksPerSecond, residentMegabytes } from './cpu';
import { findMachineServers } from './machine-servers';
import { measureMicroFigures } from './micro';
import { BenchResults, formatReport, writeResults } from './report';
import { runRounds, ServiceProcesses } from './rounds';
import { BENCH_JWT_ISSUER, BENCH_JWT_SECRET, BenchServices, BenchStack } from './stack';
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

function pidOf(child: ManagedProcess): number {
  if (child.pid === undefined) throw new Error(`${child.options.name} has no pid`);
  return child.pid;
}

/** Each service's processes by name, with their pids. */
function serviceProcesses(services: BenchServices): ServiceProcesses {
  const byName = (children: ManagedProcess[]) =>
    Object.fromEntries(children.map((child) => [child.options.name, pidOf(child)]));
  return {
    customer: byName(services.customer),
    publics: byName(services.publics),
    sandbox: byName(services.sandbox),
  };
}

/** Every customer's and publics' RSS now, by process name. */
function residentByProcess(processes: ServiceProcesses): Record<string, number> {
  const pids = { ...processes.customer, ...processes.publics };
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, residentMegabytes(pid)]),
  );
}

async function bench(
  config: BenchConfig,
  stack: BenchStack,
  heapMeterDir: string | undefined,
): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const { customers, publics } = TOPOLOGY_INSTANCES[config.topology];
  log(
    `starting the ${config.topology} stack (${customers} customer${customers > 1 ? 's' : ''}, ` +
      `${publics} publics, ${config.databaseUrl ? 'MySQL' : 'embedded SQLite'})…`,
  );
  await stack.start();
  const processes = serviceProcesses(stack.services);
  const atStart = residentByProcess(processes);
  const ticksPerSecond = clockTicksPerSecond();
  const database = `${stack.database.kind} (${stack.database.description})`;
  const scaled = config.topology === 'scaled';
  const machineServers = scaled
    ? findMachineServers({ nats: config.natsUrl, redis: config.redisUrl })
    : undefined;
  for (const [name, server] of Object.entries(machineServers ?? {})) {
    log(
      server.unmeasured
        ? `${name}: CPU not measured (${server.unmeasured})`
        : `${name}: reading the CPU of ${server.command} (pid ${server.pids.join(', ')})`,
    );
  }

  const measured = await Promise.race([
    runRounds({
      config,
      endpoints: stack.endpoints,
      processes,
      machineServers,
      measureSpread: scaled,
      ticksPerSecond,
      heapMeterDir,
      log,
    }),
    stack.failed,
  ]);
  const after = residentByProcess(processes);
  const largest = (names: string[], figures: Record<string, number>) =>
    Math.max(...names.map((name) => figures[name]));
  const customerNames = Object.keys(processes.customer);
  const publicsNames = Object.keys(processes.publics);
  const memory: ServiceMemory = {
    customerMb: largest(customerNames, after),
    publicsMb: largest(publicsNames, after),
    customerAtStartMb: largest(customerNames, atStart),
    publicsAtStartMb: largest(publicsNames, atStart),
    ...(scaled && {
      processes: [...customerNames, ...publicsNames].map((name) => ({
        name,
        mb: after[name],
        atStartMb: atStart[name],
      })),
    }),
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
      ...(scaled && {
        instances: { customers: customerNames, publics: publicsNames },
        machineServers,
      }),
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
