import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { MachineServers } from './machine-servers';
import { MicroFigures } from './micro';
import { shares } from './spread';
import { sum } from './stats';
import { RoundResult, ServiceMemory, TargetCheck, WorkloadSummary } from './summary';
import { LoadSample, WorkloadName } from './workloads';

/** Everything one run measured, as written to dist/bench-results.json. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  config: { rounds: number; seconds: number; connections: number; knownUsers: number };
  environment: {
    cores: number;
    cpuModel: string;
    node: string;
    database: string;
    /** single: publics over TCP, state in memory; scaled: publics over NATS, shared state in Redis. */
    topology: string;
    clockTicksPerSecond: number;
    /** Scaled topology: the processes of each service. */
    instances?: { customers: string[]; publics: string[] };
    /** Scaled topology: the NATS and Redis servers whose CPU was read, or why not. */
    machineServers?: MachineServers;
  };
  warmup: Partial<Record<WorkloadName, LoadSample>>;
  rounds: RoundResult[];
  summaries: WorkloadSummary[];
  micro: MicroFigures;
  memory: ServiceMemory;
  targets: TargetCheck[];
}

/** Rows as aligned plain-text columns: the first left-aligned, the others right-aligned. */
export function formatTable(header: readonly string[], rows: readonly string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}

function perSecond(value: number): string {
  return value >= 1e6 ? `${(value / 1e6).toFixed(2)}M/s` : `${Math.round(value)}/s`;
}

function workloadTable(summaries: readonly WorkloadSummary[], scaled: boolean): string {
  const servers = scaled ? ['CPU µs/req NATS', 'CPU µs/req Redis'] : [];
  return formatTable(
    [
      'workload',
      'req/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'ratio',
      'CPU µs/req customer',
      'CPU µs/req publics',
      'KB/req customer',
      'KB/req publics',
      ...servers,
    ],
    summaries.map((summary) => [
      summary.workload,
      fixed(summary.requestsPerSecond, 0),
      fixed(summary.p50Ms, 1),
      fixed(summary.p99Ms, 1),
      String(summary.non2xx),
      fixed(summary.ratioToBaseline, 3),
      fixed(summary.cpuCustomerUs, 0),
      fixed(summary.cpuPublicsUs, 0),
      fixed(summary.allocationCustomerKb, 1),
      fixed(summary.allocationPublicsKb, 1),
      ...(scaled ? [fixed(summary.cpuNatsUs, 0), fixed(summary.cpuRedisUs, 0)] : []),
    ]),
  );
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** The scaled topology's share of the logins each customer and each publics counted. */
function spreadTable(summaries: readonly WorkloadSummary[], results: BenchResults): string {
  const instances = results.environment.instances ?? { customers: [], publics: [] };
  return formatTable(
    ['logins counted', 'total', ...instances.customers, ...instances.publics],
    summaries.flatMap((summary) => {
      const spread = summary.spread;
      if (!spread) return [];
      const customerShares = shares(spread.customers);
      return [
        [
          summary.workload,
          String(spread.customers.reduce((total, count) => total + count, 0)),
          ...customerShares.map(percent),
          ...shares(spread.publics).map(percent),
        ],
      ];
    }),
  );
}

/** What the NATS and Redis figures are, and where they could not be read. */
function machineServerNotes(results: BenchResults): string {
  const servers = results.environment.machineServers;
  const lines = [
    'customer, publics: the CPU time (and allocation) of both processes of the service divided by the logins; ' +
      "NATS, Redis: the CPU time of the machine's nats-server and redis-server over the run divided by the logins.",
  ];
  if (!servers) return lines.join('\n');
  const idle = results.rounds.map((round) => round.machineServersIdle ?? {});
  const returning = results.summaries.find((summary) => summary.workload === 'returning');
  // One clock tick over one baseline run, in µs per second: the reading's resolution.
  const tick = 1e6 / results.environment.clockTicksPerSecond / results.config.seconds;
  for (const name of ['nats', 'redis'] as const) {
    const server = servers[name];
    if (server.unmeasured) {
      lines.push(`${server.command}: not measured (${server.unmeasured}).`);
      continue;
    }
    const perSecond = mean(idle.flatMap((figures) => figures[name] ?? []));
    const perLogin = returning && perSecond / returning.requestsPerSecond;
    lines.push(
      `${server.command} (pid ${server.pids.join(', ')}): ${fixed(perSecond, 0)} µs of CPU per second ` +
        `while only the baseline ran (its other users and our idle traffic; mean over the rounds, ` +
        `one clock tick per run is ${fixed(tick, 0)} µs/s), ≈ ${fixed(perLogin, 1)} µs of each returning login's figure.`,
    );
  }
  return lines.join('\n');
}

function mean(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length > 0 ? sum(finite) / finite.length : Number.NaN;
}

/** Notes on anything that makes the figures less trustworthy. */
function warnings(results: BenchResults): string[] {
  const notes: string[] = [];
  for (const summary of results.summaries) {
    if (summary.errors > 0) {
      notes.push(`${summary.workload}: ${summary.errors} connection errors/timeouts`);
    }
    if (summary.dry > 0) {
      notes.push(
        `${summary.workload}: the code pool ran dry ${summary.dry} times (those requests used an invalid code and are in non-2xx)`,
      );
    }
  }
  return notes;
}

export function formatReport(results: BenchResults): string {
  const { config, environment, micro, memory } = results;
  const scaled = environment.instances !== undefined;
  const topology = environment.instances
    ? `${environment.topology} (${environment.instances.customers.length} customers × ` +
      `${environment.instances.publics.length} publics on NATS, Redis)`
    : environment.topology;
  const sections = [
    `Login bench: ${config.rounds} rounds × ${config.seconds} s per workload, ` +
      `${config.connections} connections, ${config.knownUsers} known users, database ${environment.database}, topology ${topology}`,
    workloadTable(results.summaries, scaled),
    'req/s, p50, p99, CPU, KB (allocated on the V8 heap): medians over rounds; non-2xx: sum; ratio: median of per-round ratios.',
    ...(scaled
      ? [
          machineServerNotes(results),
          spreadTable(results.summaries, results),
          'logins counted: login_requests_total of each customer, wechat_code2session_total of each publics, summed over the rounds.',
        ]
      : []),
    formatTable(
      ['micro', 'per second', 'samples'],
      [
        [
          'snowflake ids',
          perSecond(micro.snowflakeIdsPerSecond.perSecond),
          micro.snowflakeIdsPerSecond.samples.map(perSecond).join(' '),
        ],
        [
          'JWT HS256 signs (secret as a string)',
          perSecond(micro.jwtSignsPerSecond.perSecond),
          micro.jwtSignsPerSecond.samples.map(perSecond).join(' '),
        ],
        [
          'JWT HS256 signs (secret as a KeyObject, as customer signs)',
          perSecond(micro.jwtSignsPerSecondKeyObject.perSecond),
          micro.jwtSignsPerSecondKeyObject.samples.map(perSecond).join(' '),
        ],
      ],
    ),
    formatTable(
      ['service', 'RSS MB after the run', 'RSS MB at start'],
      memory.processes
        ? memory.processes.map((process) => [
            process.name,
            fixed(process.mb, 1),
            fixed(process.atStartMb, 1),
          ])
        : [
            ['customer', fixed(memory.customerMb, 1), fixed(memory.customerAtStartMb, 1)],
            ['publics', fixed(memory.publicsMb, 1), fixed(memory.publicsAtStartMb, 1)],
          ],
    ),
    `cores: ${environment.cores} (${environment.cpuModel}), node ${environment.node}`,
    formatTable(
      ['target', 'actual', 'result'],
      results.targets.map((check) => [check.target, check.actual, check.pass ? 'PASS' : 'FAIL']),
    ),
  ];
  const notes = warnings(results);
  if (notes.length > 0)
    sections.push(['Warnings:', ...notes.map((note) => `  ${note}`)].join('\n'));
  return sections.join('\n\n');
}

export async function writeResults(path: string, results: BenchResults): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
}
