import { MachineServerFigures } from './machine-servers';
import { MicroFigures } from './micro';
import { addSpreads, LoginSpread } from './spread';
import { median, sum } from './stats';
import { LOGIN_WORKLOADS, LoadSample, LoginWorkload, WORKLOADS, WorkloadName } from './workloads';

/**
 * CPU time of each service per login request, in microseconds: the sum over the service's
 * processes (both customers, both publics in the scaled topology) divided by the logins.
 */
export interface CpuPerRequest {
  customer: number;
  publics: number;
  /** The WeChat sandbox (not part of the product; in the JSON only). */
  sandbox: number;
  /** The scaled topology's nats-server and redis-server on this machine, when measured. */
  nats?: number;
  redis?: number;
}

/** Bytes each service allocated on V8's heap per login request (summed over its processes). */
export interface AllocationPerRequest {
  customer: number;
  publics: number;
}

export interface RoundResult {
  /** 1-based. */
  round: number;
  /** The order the workloads ran in (rotated each round). */
  order: WorkloadName[];
  samples: Record<WorkloadName, LoadSample>;
  cpu: Record<LoginWorkload, CpuPerRequest>;
  /** Present when allocation was measured (BENCH_ALLOCATION, on by default). */
  allocation?: Record<LoginWorkload, AllocationPerRequest>;
  /** Scaled topology: the logins each customer and each publics counted. */
  spread?: Record<LoginWorkload, LoginSpread>;
  /**
   * Scaled topology: µs of CPU per second nats-server and redis-server used during the
   * baseline run, when no login ran (other users of the machine, the services' idle traffic).
   */
  machineServersIdle?: MachineServerFigures;
}

export interface WorkloadSummary {
  workload: WorkloadName;
  /** Medians over the rounds. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The highest p99 of any round. */
  worstP99Ms: number;
  /** Sums over the rounds. */
  non2xx: number;
  errors: number;
  dry: number;
  /** Median over the rounds of this workload's req/s divided by the baseline's in the same round. */
  ratioToBaseline: number;
  /** Medians over the rounds; undefined for the baseline. */
  cpuCustomerUs?: number;
  cpuPublicsUs?: number;
  cpuSandboxUs?: number;
  /** Scaled topology: medians over the rounds where measured. */
  cpuNatsUs?: number;
  cpuRedisUs?: number;
  /** Scaled topology: the logins each instance counted, summed over the rounds. */
  spread?: LoginSpread;
  /** Medians over the rounds, in KB (1,000 bytes); undefined when not measured. */
  allocationCustomerKb?: number;
  allocationPublicsKb?: number;
}

/**
 * Resident memory (VmRSS) of the services after the run, and once they had started, for
 * comparison; with several processes per service, the largest of them.
 */
export interface ServiceMemory {
  customerMb: number;
  publicsMb: number;
  customerAtStartMb: number;
  publicsAtStartMb: number;
  /** Scaled topology: every process's. */
  processes?: ProcessMemory[];
}

export interface ProcessMemory {
  name: string;
  mb: number;
  atStartMb: number;
}

export interface TargetCheck {
  target: string;
  actual: string;
  pass: boolean;
}

function isLogin(workload: WorkloadName): workload is LoginWorkload {
  return (LOGIN_WORKLOADS as readonly WorkloadName[]).includes(workload);
}

export function summarize(rounds: readonly RoundResult[]): WorkloadSummary[] {
  return WORKLOADS.map((workload) => {
    const samples = rounds.map((round) => round.samples[workload]);
    const ratios = rounds.map(
      (round) =>
        round.samples[workload].requestsPerSecond / round.samples.baseline.requestsPerSecond,
    );
    const cpu = isLogin(workload) ? rounds.map((round) => round.cpu[workload]) : undefined;
    const allocation = isLogin(workload)
      ? rounds.flatMap((round) => round.allocation?.[workload] ?? [])
      : [];
    const kilobytes = (values: number[]) => (values.length > 0 ? median(values) / 1000 : undefined);
    const measured = (values: (number | undefined)[]) => {
      const present = values.filter((value): value is number => value !== undefined);
      return present.length > 0 ? median(present) : undefined;
    };
    return {
      workload,
      requestsPerSecond: median(samples.map((sample) => sample.requestsPerSecond)),
      p50Ms: median(samples.map((sample) => sample.p50Ms)),
      p99Ms: median(samples.map((sample) => sample.p99Ms)),
      worstP99Ms: Math.max(...samples.map((sample) => sample.p99Ms)),
      non2xx: sum(samples.map((sample) => sample.non2xx)),
      errors: sum(samples.map((sample) => sample.errors)),
      dry: sum(samples.map((sample) => sample.dry)),
      ratioToBaseline: median(ratios),
      cpuCustomerUs: cpu && median(cpu.map((reading) => reading.customer)),
      cpuPublicsUs: cpu && median(cpu.map((reading) => reading.publics)),
      cpuSandboxUs: cpu && median(cpu.map((reading) => reading.sandbox)),
      cpuNatsUs: cpu && measured(cpu.map((reading) => reading.nats)),
      cpuRedisUs: cpu && measured(cpu.map((reading) => reading.redis)),
      spread: isLogin(workload)
        ? addSpreads(rounds.flatMap((round) => round.spread?.[workload] ?? []))
        : undefined,
      allocationCustomerKb: kilobytes(allocation.map((reading) => reading.customer)),
      allocationPublicsKb: kilobytes(allocation.map((reading) => reading.publics)),
    };
  });
}

const RATIO_TARGETS: Record<LoginWorkload, number> = { returning: 0.11, new: 0.065 };
const P99_TARGET_MS = 50;
const SNOWFLAKE_TARGET_PER_SECOND = 3_500_000;
const RSS_TARGET_MB = 200;
/** Per returning login (issue 14). */
const CPU_TARGET_US = { customer: 300, publics: 150 };
const CUSTOMER_ALLOCATION_TARGET_KB = 50;

export function checkTargets(
  summaries: readonly WorkloadSummary[],
  micro: MicroFigures,
  memory: ServiceMemory,
): TargetCheck[] {
  const of = (workload: WorkloadName) => summaries.find((summary) => summary.workload === workload);
  const checks: TargetCheck[] = [];
  for (const workload of LOGIN_WORKLOADS) {
    const summary = of(workload);
    if (!summary) continue;
    const ratio = RATIO_TARGETS[workload];
    checks.push({
      target: `${workload} ≥ ${ratio} × baseline`,
      actual: `${summary.ratioToBaseline.toFixed(3)} ×`,
      pass: summary.ratioToBaseline >= ratio,
    });
    checks.push({
      target: `${workload} p99 < ${P99_TARGET_MS} ms`,
      actual: `${summary.p99Ms.toFixed(1)} ms (worst round ${summary.worstP99Ms.toFixed(1)} ms)`,
      pass: summary.p99Ms < P99_TARGET_MS,
    });
  }
  const returning = of('returning');
  if (returning) {
    for (const [service, us] of [
      ['customer', returning.cpuCustomerUs],
      ['publics', returning.cpuPublicsUs],
    ] as const) {
      checks.push({
        target: `${service} ≤ ${CPU_TARGET_US[service]} µs CPU per returning login`,
        actual: `${us?.toFixed(0)} µs`,
        pass: us !== undefined && us <= CPU_TARGET_US[service],
      });
    }
    if (returning.allocationCustomerKb !== undefined) {
      checks.push({
        target: `customer allocates ≤ ${CUSTOMER_ALLOCATION_TARGET_KB} KB per returning login`,
        actual: `${returning.allocationCustomerKb.toFixed(1)} KB`,
        pass: returning.allocationCustomerKb <= CUSTOMER_ALLOCATION_TARGET_KB,
      });
    }
  }
  const failures = sum(summaries.map((summary) => summary.non2xx + summary.errors));
  checks.push({
    target: '0 non-2xx and 0 connection errors',
    actual: String(failures),
    pass: failures === 0,
  });
  const ids = micro.snowflakeIdsPerSecond.perSecond;
  checks.push({
    target: `snowflake ≥ ${SNOWFLAKE_TARGET_PER_SECOND / 1e6}M ids/s`,
    actual: `${(ids / 1e6).toFixed(2)}M ids/s`,
    pass: ids >= SNOWFLAKE_TARGET_PER_SECOND,
  });
  for (const [service, mb] of [
    ['customer', memory.customerMb],
    ['publics', memory.publicsMb],
  ] as const) {
    checks.push({
      target: `${service} RSS < ${RSS_TARGET_MB} MB`,
      actual: `${mb.toFixed(1)} MB`,
      pass: mb < RSS_TARGET_MB,
    });
  }
  return checks;
}
