import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  findMachineServers,
  isOnThisMachine,
  MachineServerMeter,
  MachineServers,
  microsecondsPer,
  pidsByCommand,
} from './machine-servers';

const local = { nats: 'nats://127.0.0.1:4222', redis: 'redis://127.0.0.1:6379' };

describe(pidsByCommand.name, () => {
  let procRoot: string;

  beforeEach(() => {
    procRoot = mkdtempSync(join(tmpdir(), 'bench-proc-'));
    const processes: [string, string][] = [
      ['40', 'redis-server'],
      ['7', 'nats-server'],
      ['9', 'redis-server'],
      ['12', 'node'],
    ];
    for (const [pid, comm] of processes) {
      mkdirSync(join(procRoot, pid));
      writeFileSync(join(procRoot, pid, 'comm'), `${comm}\n`);
    }
    mkdirSync(join(procRoot, 'self'));
    mkdirSync(join(procRoot, '99')); // ended while listed: no comm
  });

  afterEach(() => rmSync(procRoot, { recursive: true, force: true }));

  it('finds the processes of one name, in pid order', () => {
    expect(pidsByCommand('redis-server', procRoot)).toEqual([9, 40]);
    expect(pidsByCommand('nats-server', procRoot)).toEqual([7]);
    expect(pidsByCommand('mariadbd', procRoot)).toEqual([]);
  });

  it('measures the servers it finds and says why it does not measure the others', () => {
    const sut = findMachineServers(
      { nats: local.nats, redis: 'redis://cache.internal:6379' },
      { procRoot, readTicks: () => 0 },
    );

    expect(sut.nats).toEqual({ command: 'nats-server', pids: [7] });
    expect(sut.redis).toEqual({
      command: 'redis-server',
      pids: [],
      unmeasured: "redis://cache.internal:6379 is not on this machine's loopback",
    });
  });

  it('says when no process has the name or its stat cannot be read', () => {
    rmSync(join(procRoot, '7'), { recursive: true });

    const sut = findMachineServers(local, {
      procRoot,
      readTicks: () => {
        throw new Error('EACCES: permission denied');
      },
    });

    expect(sut.nats.unmeasured).toBe(`no process named nats-server in ${procRoot}`);
    expect(sut.redis).toEqual({
      command: 'redis-server',
      pids: [],
      unmeasured: `${procRoot}/9/stat unreadable: EACCES: permission denied`,
    });
  });
});

describe(isOnThisMachine.name, () => {
  it('takes loopback hosts only, every server of a NATS list', () => {
    expect(isOnThisMachine('nats://127.0.0.1:4222')).toBe(true);
    expect(isOnThisMachine('nats://localhost:4222, nats://[::1]:4223')).toBe(true);
    expect(isOnThisMachine('127.0.0.1:4222')).toBe(true);
    expect(isOnThisMachine('nats://127.0.0.1:4222,nats://10.0.0.2:4222')).toBe(false);
    expect(isOnThisMachine('')).toBe(false);
  });
});

describe(MachineServerMeter.name, () => {
  const servers: MachineServers = {
    nats: { command: 'nats-server', pids: [7] },
    redis: { command: 'redis-server', pids: [9, 40] },
  };

  it("gives each server's CPU per login, a server of several processes summed", () => {
    const ticks = new Map([
      [7, 1000],
      [9, 500],
      [40, 20],
    ]);
    const sut = new MachineServerMeter(servers, 100, (pid) => ticks.get(pid)!);
    ticks.set(7, 1012); // 0.12 s over the run
    ticks.set(9, 530); // 0.30 s
    ticks.set(40, 30); // 0.10 s

    // 2,000 logins: 60 µs of nats-server, 200 µs of redis-server per login.
    expect(microsecondsPer(sut.seconds(), 2000)).toEqual({ nats: 60, redis: 200 });
    // The same reading as µs per second over a 4 s run: background activity.
    expect(microsecondsPer({ nats: 0.02 }, 4)).toEqual({ nats: 5000 });
  });

  it('leaves out a server that is not measured', () => {
    const sut = new MachineServerMeter(
      { ...servers, redis: { command: 'redis-server', pids: [], unmeasured: 'no process' } },
      100,
      () => 0,
    );

    expect(sut.seconds()).toEqual({ nats: 0 });
  });
});
