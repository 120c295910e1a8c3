import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { MicroFigures } from './micro';
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

function workloadTable(summaries: readonly WorkloadSummary[]): string {
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
    ]),
  );
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
  const sections = [
    `Login bench: ${config.rounds} rounds × ${config.seconds} s per workload, ` +
      `${config.connections} connections, ${config.knownUsers} known users, database ${environment.database}, topology ${environment.topology}`,
    workloadTable(results.summaries),
    'req/s, p50, p99, CPU, KB (allocated on the V8 heap): medians over rounds; non-2xx: sum; ratio: median of per-round ratios.',
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
      [
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
