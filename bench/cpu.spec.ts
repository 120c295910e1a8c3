import { CpuMeter, cpuTicks, microsecondsPerRequest } from './cpu';

describe(microsecondsPerRequest.name, () => {
  it('divides CPU seconds by the requests, in microseconds', () => {
    expect(microsecondsPerRequest(1.5, 1000)).toBe(1500);
  });

  it('gives NaN for a run without requests', () => {
    expect(microsecondsPerRequest(0.2, 0)).toBeNaN();
  });
});

describe(CpuMeter.name, () => {
  it("sums each group's processes: two customers' CPU per login is both of theirs", () => {
    const ticks = new Map([
      [11, 100],
      [12, 200],
      [21, 50],
    ]);
    const sut = new CpuMeter({ customer: [11, 12], publics: [21] }, 100, (pid) => ticks.get(pid)!);
    ticks.set(11, 130); // +0.3 s
    ticks.set(12, 220); // +0.2 s
    ticks.set(21, 60); // +0.1 s

    expect(sut.microsecondsPerRequest(500)).toEqual({ customer: 1000, publics: 200 });
    expect(sut.seconds()).toEqual({ customer: 0.5, publics: 0.1 });
  });

  it('gives NaN for a group whose process could not be read', () => {
    let readable = true;
    const sut = new CpuMeter({ redis: [7] }, 100, () => (readable ? 10 : Number.NaN));
    readable = false;

    expect(sut.microsecondsPerRequest(10).redis).toBeNaN();
  });

  it("reads this process' own CPU ticks from /proc", () => {
    expect(cpuTicks(process.pid)).toBeGreaterThanOrEqual(0);
  });
});
