import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const DEFAULT_CLOCK_TICKS_PER_SECOND = 100;

/** The kernel's clock ticks per second (`getconf CLK_TCK`), 100 if it cannot be read. */
export function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(value) && value > 0 ? value : DEFAULT_CLOCK_TICKS_PER_SECOND;
  } catch {
    return DEFAULT_CLOCK_TICKS_PER_SECOND;
  }
}

/** CPU time the process has used so far, all threads, user + system, in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: split after its end.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (field 14) and stime (field 15) are at 11 and 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error(`unexpected /proc/${pid}/stat: ${stat}`);
  }
  return utime + stime;
}

/** Resident memory of the process in MB (VmRSS of /proc/<pid>/status). */
export function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** Microseconds of CPU per request, from CPU seconds over a run; NaN when there was no request. */
export function microsecondsPerRequest(cpuSeconds: number, requests: number): number {
  return requests > 0 ? (cpuSeconds * 1e6) / requests : Number.NaN;
}

/**
 * CPU used by groups of processes between the meter's creation and a read: each name's
 * figure is the sum over its pids (the two customers of the scaled topology, say).
 */
export class CpuMeter<Name extends string> {
  private readonly before: Record<Name, number>;

  /** `readTicks` may return NaN for a process it cannot read; that name's figures are NaN then. */
  constructor(
    private readonly pids: Record<Name, readonly number[]>,
    private readonly ticksPerSecond: number,
    private readonly readTicks: (pid: number) => number = cpuTicks,
  ) {
    this.before = this.read();
  }

  /** CPU seconds each group has used since the meter was made. */
  seconds(): Record<Name, number> {
    const after = this.read();
    const result = {} as Record<Name, number>;
    for (const name of Object.keys(this.pids) as Name[]) {
      result[name] = (after[name] - this.before[name]) / this.ticksPerSecond;
    }
    return result;
  }

  /** Microseconds of CPU per request for each group since the meter was made. */
  microsecondsPerRequest(requests: number): Record<Name, number> {
    const seconds = this.seconds();
    const result = {} as Record<Name, number>;
    for (const name of Object.keys(seconds) as Name[]) {
      result[name] = microsecondsPerRequest(seconds[name], requests);
    }
    return result;
  }

  private read(): Record<Name, number> {
    const ticks = {} as Record<Name, number>;
    for (const name of Object.keys(this.pids) as Name[]) {
      ticks[name] = this.pids[name].reduce((total, pid) => total + this.readTicks(pid), 0);
    }
    return ticks;
  }
}
