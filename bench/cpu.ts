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

/** CPU used by some processes between start and the end of a load run, per request. */
export class CpuMeter<Name extends string> {
  private readonly before: Record<Name, number>;

  constructor(
    private readonly pids: Record<Name, number>,
    private readonly ticksPerSecond: number,
  ) {
    this.before = this.read();
  }

  /** Microseconds of CPU per request for each process since the meter was made. */
  microsecondsPerRequest(requests: number): Record<Name, number> {
    const after = this.read();
    const result = {} as Record<Name, number>;
    for (const name of Object.keys(this.pids) as Name[]) {
      const seconds = (after[name] - this.before[name]) / this.ticksPerSecond;
      result[name] = requests > 0 ? (seconds * 1e6) / requests : Number.NaN;
    }
    return result;
  }

  private read(): Record<Name, number> {
    const ticks = {} as Record<Name, number>;
    for (const name of Object.keys(this.pids) as Name[]) ticks[name] = cpuTicks(this.pids[name]);
    return ticks;
  }
}
