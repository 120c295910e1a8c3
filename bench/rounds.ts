import { setTimeout as sleep } from 'node:timers/promises';

import { AllocationMeter, AllocationReader } from './allocation';
import { CodePool, mintCodes, NewUserNames, randomKnownUsers } from './code-pool';
import { BenchConfig } from './config';
import { CpuMeter } from './cpu';
import { MachineServerMeter, MachineServers, microsecondsPer } from './machine-servers';
import { connectionsPerUrl, LoginSpread, SpreadMeter } from './spread';
import { BenchEndpoints } from './stack';
import { sum } from './stats';
import { AllocationPerRequest, RoundResult } from './summary';
import {
  baselineBodies,
  LOGIN_WORKLOADS,
  LoadSample,
  LoginWorkload,
  loginBodies,
  registerKnownUsers,
  runLoad,
  WORKLOADS,
  WorkloadName,
} from './workloads';

/** Each service's processes by name (customer, or customer-0 and customer-1…) and pid. */
export type ServiceProcesses = Record<Service, Record<string, number>>;
export type Service = 'customer' | 'publics' | 'sandbox';

export interface RoundsContext {
  config: BenchConfig;
  endpoints: BenchEndpoints;
  processes: ServiceProcesses;
  /** Scaled topology: the NATS and Redis servers whose CPU is read around each run. */
  machineServers?: MachineServers;
  /** Read the logins each instance counted (scaled topology). */
  measureSpread: boolean;
  ticksPerSecond: number;
  /** Where the services' heap meters report; unset: allocation is not measured. */
  heapMeterDir?: string;
  log: (line: string) => void;
}

export interface RoundsOutcome {
  warmup: Record<WorkloadName, LoadSample>;
  rounds: RoundResult[];
}

const BASELINE_WARMUP_SECONDS = 2;
/** Lets the machine settle (GC, socket teardown) between two runs. */
const PAUSE_MS = 500;

function describe(sample: LoadSample): string {
  return (
    `${Math.round(sample.requestsPerSecond)} req/s, p50 ${sample.p50Ms} ms, p99 ${sample.p99Ms} ms` +
    (sample.non2xx ? `, ${sample.non2xx} non-2xx` : '') +
    (sample.errors ? `, ${sample.errors} errors` : '') +
    (sample.dry ? `, POOL RAN DRY ${sample.dry}x` : '')
  );
}

/** The order of the workloads in round `index`: rotated so that none always goes first. */
function roundOrder(index: number): WorkloadName[] {
  return WORKLOADS.map((_, position) => WORKLOADS[(position + index) % WORKLOADS.length]);
}

/**
 * Logs the known users in, warms every workload up, then runs the rounds:
 * fresh codes minted before each round, workloads interleaved, CPU of customer
 * and publics read around each login run.
 */
export async function runRounds(context: RoundsContext): Promise<RoundsOutcome> {
  const { config, endpoints, log, processes, machineServers } = context;
  const pids = {
    customer: Object.values(processes.customer),
    publics: Object.values(processes.publics),
    sandbox: Object.values(processes.sandbox),
  };
  // Each heap meter reports under its process' name; a service's figure is the sum of its processes'.
  const metered = { ...processes.customer, ...processes.publics };
  const allocation = context.heapMeterDir && new AllocationReader(context.heapMeterDir, metered);
  const allocationPerService = (bytes: Record<string, number>): AllocationPerRequest => ({
    customer: sum(Object.keys(processes.customer).map((name) => bytes[name])),
    publics: sum(Object.keys(processes.publics).map((name) => bytes[name])),
  });
  const spreadUrls = { customers: endpoints.customerUrls, publics: endpoints.publicsUrls };
  const newUsers = new NewUserNames();
  const mintPool = async (workload: LoginWorkload, size: number): Promise<CodePool> => {
    const users =
      workload === 'returning' ? randomKnownUsers(size, config.knownUsers) : newUsers.take(size);
    const started = performance.now();
    const codes = await mintCodes(endpoints.sandboxUrl, users, config.mintConcurrency);
    const seconds = (performance.now() - started) / 1000;
    log(`minted ${size} ${workload} codes in ${seconds.toFixed(1)} s`);
    return new CodePool(codes);
  };
  const baseline = { url: endpoints.baselineUrl, connections: config.connections };
  const { customerUrls } = endpoints;
  const login = {
    url: customerUrls.length === 1 ? customerUrls[0] : customerUrls,
    connections: config.connections,
  };

  if (customerUrls.length > 1) {
    const split = connectionsPerUrl(config.connections, customerUrls.length);
    log(`login connections per customer: ${split.join(' + ')}`);
  }
  log(`logging ${config.knownUsers} known users in…`);
  await registerKnownUsers(endpoints, config.knownUsers, config.connections);

  const warmup = {
    baseline: await runLoad({ ...baseline, seconds: BASELINE_WARMUP_SECONDS }, baselineBodies()),
  } as Record<WorkloadName, LoadSample>;
  log(`warm-up baseline: ${describe(warmup.baseline)}`);
  const expectedRate = {} as Record<LoginWorkload, number>;
  for (const workload of LOGIN_WORKLOADS) {
    const pool = await mintPool(workload, config.warmupRequests + config.connections);
    warmup[workload] = await runLoad(
      { ...login, amount: config.warmupRequests },
      loginBodies(pool),
    );
    expectedRate[workload] = warmup[workload].requestsPerSecond;
    log(`warm-up ${workload}: ${describe(warmup[workload])}`);
  }

  const rounds: RoundResult[] = [];
  for (let index = 0; index < config.rounds; index += 1) {
    const pools = {} as Record<LoginWorkload, CodePool>;
    for (const workload of LOGIN_WORKLOADS) {
      const size =
        Math.ceil(expectedRate[workload] * config.seconds * config.mintHeadroom) +
        config.connections;
      pools[workload] = await mintPool(workload, size);
    }
    const round: RoundResult = {
      round: index + 1,
      order: roundOrder(index),
      samples: {} as RoundResult['samples'],
      cpu: {} as RoundResult['cpu'],
    };
    for (const workload of round.order) {
      await sleep(PAUSE_MS);
      if (workload === 'baseline') {
        const serverMeter =
          machineServers && new MachineServerMeter(machineServers, context.ticksPerSecond);
        round.samples.baseline = await runLoad(
          { ...baseline, seconds: config.seconds },
          baselineBodies(),
        );
        if (serverMeter) {
          round.machineServersIdle = microsecondsPer(
            serverMeter.seconds(),
            round.samples.baseline.seconds,
          );
        }
      } else {
        // Outermost, so that the metrics scrapes are not counted in the CPU and allocation.
        const spreadMeter = context.measureSpread && (await SpreadMeter.start(spreadUrls));
        const allocationMeter = allocation && (await AllocationMeter.start(allocation));
        const meter = new CpuMeter(pids, context.ticksPerSecond);
        const serverMeter =
          machineServers && new MachineServerMeter(machineServers, context.ticksPerSecond);
        const sample = await runLoad(
          { ...login, seconds: config.seconds },
          loginBodies(pools[workload]),
        );
        round.cpu[workload] = {
          ...meter.microsecondsPerRequest(sample.requests),
          ...(serverMeter && microsecondsPer(serverMeter.seconds(), sample.requests)),
        };
        if (allocationMeter) {
          round.allocation ??= {} as Record<LoginWorkload, AllocationPerRequest>;
          round.allocation[workload] = allocationPerService(
            await allocationMeter.bytesPerRequest(sample.requests),
          );
        }
        if (spreadMeter) {
          round.spread ??= {} as Record<LoginWorkload, LoginSpread>;
          round.spread[workload] = await spreadMeter.read();
        }
        round.samples[workload] = sample;
        expectedRate[workload] = Math.max(expectedRate[workload], sample.requestsPerSecond);
      }
      log(
        `round ${round.round}/${config.rounds} ${workload}: ${describe(round.samples[workload])}`,
      );
    }
    rounds.push(round);
  }
  return { warmup, rounds };
}
