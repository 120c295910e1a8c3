import { setTimeout as sleep } from 'node:timers/promises';

import { AllocationMeter, AllocationReader } from './allocation';
import { CodePool, mintCodes, NewUserNames, randomKnownUsers } from './code-pool';
import { BenchConfig } from './config';
import { CpuMeter } from './cpu';
import { BenchEndpoints } from './stack';
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

export interface RoundsContext {
  config: BenchConfig;
  endpoints: BenchEndpoints;
  pids: { customer: number; publics: number; sandbox: number };
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
  const { config, endpoints, log } = context;
  const { customer, publics } = context.pids;
  const allocation =
    context.heapMeterDir && new AllocationReader(context.heapMeterDir, { customer, publics });
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
  const login = { url: endpoints.customerUrl, connections: config.connections };

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
        round.samples.baseline = await runLoad(
          { ...baseline, seconds: config.seconds },
          baselineBodies(),
        );
      } else {
        const allocationMeter = allocation && (await AllocationMeter.start(allocation));
        const meter = new CpuMeter(context.pids, context.ticksPerSecond);
        const sample = await runLoad(
          { ...login, seconds: config.seconds },
          loginBodies(pools[workload]),
        );
        round.cpu[workload] = meter.microsecondsPerRequest(sample.requests);
        if (allocationMeter) {
          round.allocation ??= {} as Record<LoginWorkload, AllocationPerRequest>;
          round.allocation[workload] = await allocationMeter.bytesPerRequest(sample.requests);
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
