import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CpuMeter, cpuTicks, microsecondsPerRequest } from './cpu';

/** The servers the scaled topology shares state and messages through. */
export type MachineServerName = 'nats' | 'redis';

export const MACHINE_SERVER_COMMANDS: Record<MachineServerName, string> = {
  nats: 'nats-server',
  redis: 'redis-server',
};

/** A server the bench does not start but whose CPU it reads, when it runs on this machine. */
export interface MachineServer {
  /** Its process name (/proc/<pid>/comm). */
  command: string;
  /** The processes of that name; their CPU is summed. Empty when not measured. */
  pids: number[];
  /** Why its CPU is not measured, when it is not. */
  unmeasured?: string;
}

export type MachineServers = Record<MachineServerName, MachineServer>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The hosts of a server list (NATS takes several, comma-separated), each URL parsed loosely. */
function hostsOf(urls: string): string[] {
  return urls
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
    .map((url) => {
      try {
        return new URL(url.includes('://') ? url : `tcp://${url}`).hostname;
      } catch {
        return url;
      }
    });
}

/** Whether every server of the list is on this machine's loopback. */
export function isOnThisMachine(urls: string): boolean {
  const hosts = hostsOf(urls);
  return hosts.length > 0 && hosts.every((host) => LOOPBACK.has(host));
}

/** The pids of the processes whose /proc/<pid>/comm is `command`, in ascending order. */
export function pidsByCommand(command: string, procRoot = '/proc'): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(join(procRoot, entry, 'comm'), 'utf8').trim() === command) {
        pids.push(Number(entry));
      }
    } catch {
      // The process ended while the directory was read.
    }
  }
  return pids.sort((a, b) => a - b);
}

/**
 * Finds the NATS and Redis servers of `urls` among this machine's processes, by name, and
 * checks that their CPU time can be read; says why not otherwise.
 */
export function findMachineServers(
  urls: Record<MachineServerName, string>,
  options: { procRoot?: string; readTicks?: (pid: number) => number } = {},
): MachineServers {
  const { procRoot = '/proc', readTicks = cpuTicks } = options;
  const find = (name: MachineServerName): MachineServer => {
    const command = MACHINE_SERVER_COMMANDS[name];
    if (!isOnThisMachine(urls[name])) {
      return { command, pids: [], unmeasured: `${urls[name]} is not on this machine's loopback` };
    }
    let pids: number[];
    try {
      pids = pidsByCommand(command, procRoot);
    } catch (error) {
      return { command, pids: [], unmeasured: `${procRoot} unreadable: ${String(error)}` };
    }
    if (pids.length === 0) {
      return { command, pids, unmeasured: `no process named ${command} in ${procRoot}` };
    }
    for (const pid of pids) {
      try {
        readTicks(pid);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { command, pids: [], unmeasured: `${procRoot}/${pid}/stat unreadable: ${reason}` };
      }
    }
    return { command, pids };
  };
  return { nats: find('nats'), redis: find('redis') };
}

/** cpuTicks, NaN instead of an error: a shared server restarted mid-run spoils only its figure. */
export function tolerantCpuTicks(pid: number): number {
  try {
    return cpuTicks(pid);
  } catch {
    return Number.NaN;
  }
}

/** A figure per server; absent for a server that is not measured. */
export type MachineServerFigures = Partial<Record<MachineServerName, number>>;

/** CPU the measured servers used between the meter's creation and a read. */
export class MachineServerMeter {
  private readonly meter: CpuMeter<MachineServerName>;

  constructor(
    private readonly servers: MachineServers,
    ticksPerSecond: number,
    readTicks: (pid: number) => number = tolerantCpuTicks,
  ) {
    this.meter = new CpuMeter(
      { nats: servers.nats.pids, redis: servers.redis.pids },
      ticksPerSecond,
      readTicks,
    );
  }

  /** CPU seconds of each measured server so far; NaN for one that could not be read this time. */
  seconds(): MachineServerFigures {
    const seconds = this.meter.seconds();
    const result: MachineServerFigures = {};
    for (const name of Object.keys(seconds) as MachineServerName[]) {
      if (!this.servers[name].unmeasured) result[name] = seconds[name];
    }
    return result;
  }
}

/** Each figure divided by `divisor` and scaled by 1e6: µs per request, or µs per second. */
export function microsecondsPer(
  figures: MachineServerFigures,
  divisor: number,
): MachineServerFigures {
  const result: MachineServerFigures = {};
  for (const name of Object.keys(figures) as MachineServerName[]) {
    result[name] = microsecondsPerRequest(figures[name] as number, divisor);
  }
  return result;
}
