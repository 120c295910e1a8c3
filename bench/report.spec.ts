import { BenchResults, formatReport } from './report';
import { RoundResult, summarize } from './summary';
import { LoadSample } from './workloads';

const sample = (requestsPerSecond: number): LoadSample => ({
  requests: requestsPerSecond * 4,
  seconds: 4,
  requestsPerSecond,
  p50Ms: 20,
  p99Ms: 40,
  non2xx: 0,
  errors: 0,
  dry: 0,
});

/** In the scaled rounds nats-server is measured and redis-server is not. */
function round(index: number, scaled: boolean, redis = false): RoundResult {
  const servers = scaled ? { nats: 40 + index, ...(redis && { redis: 150 + index }) } : {};
  return {
    round: index,
    order: ['baseline', 'returning', 'new'],
    samples: { baseline: sample(10000), returning: sample(500), new: sample(300) },
    cpu: {
      returning: { customer: 1000, publics: 600, sandbox: 100, ...servers },
      new: { customer: 1200, publics: 650, sandbox: 110, ...servers },
    },
    ...(scaled && {
      spread: {
        returning: { customers: [1000, 1000], publics: [900 + index, 1100 - index] },
        new: { customers: [600, 600], publics: [600, 600] },
      },
      machineServersIdle: { nats: 2000, redis: 3000 },
    }),
  };
}

function results(scaled: boolean): BenchResults {
  const rounds = [round(1, scaled), round(2, scaled)];
  return {
    startedAt: '2026-12-03T00:00:00.000Z',
    finishedAt: '2026-12-03T00:01:00.000Z',
    config: { rounds: 2, seconds: 4, connections: 32, knownUsers: 1000 },
    environment: {
      cores: 2,
      cpuModel: 'test CPU',
      node: 'v20',
      database: 'mysql (mysql://root@127.0.0.1:3306/bench_1)',
      topology: scaled ? 'scaled' : 'single',
      clockTicksPerSecond: 100,
      ...(scaled && {
        instances: { customers: ['customer-0', 'customer-1'], publics: ['publics-0', 'publics-1'] },
        machineServers: {
          nats: { command: 'nats-server', pids: [7] },
          redis: { command: 'redis-server', pids: [], unmeasured: 'no process named redis-server' },
        },
      }),
    },
    warmup: {},
    rounds,
    summaries: summarize(rounds),
    micro: {
      snowflakeIdsPerSecond: { perSecond: 4e6, samples: [4e6] },
      jwtSignsPerSecond: { perSecond: 2000, samples: [2000] },
      jwtSignsPerSecondKeyObject: { perSecond: 60000, samples: [60000] },
    },
    memory: {
      customerMb: 150,
      publicsMb: 120,
      customerAtStartMb: 100,
      publicsAtStartMb: 90,
      ...(scaled && {
        processes: [
          { name: 'customer-0', mb: 150, atStartMb: 100 },
          { name: 'customer-1', mb: 140, atStartMb: 99 },
        ],
      }),
    },
    targets: [],
  };
}

describe(summarize.name, () => {
  it("takes the median NATS and Redis CPU per login and sums the rounds' spread", () => {
    const sut = summarize([round(1, true, true), round(2, true, true)]);
    const returning = sut.find((summary) => summary.workload === 'returning');

    expect(returning).toMatchObject({ cpuNatsUs: 41.5, cpuRedisUs: 151.5 });
    expect(returning?.spread).toEqual({ customers: [2000, 2000], publics: [1803, 2197] });
  });

  it('adds no NATS, Redis or spread figures to the single topology', () => {
    const returning = summarize(results(false).rounds)[1];

    expect(returning.cpuNatsUs).toBeUndefined();
    expect(returning.spread).toBeUndefined();
    expect(JSON.stringify(returning)).not.toMatch(/Nats|Redis|spread/);
  });
});

describe(formatReport.name, () => {
  it('keeps the single topology’s columns', () => {
    const sut = formatReport(results(false));

    expect(sut).toContain('topology single\n');
    expect(sut).toMatch(/CPU µs\/req publics {2}KB\/req customer {2}KB\/req publics\n/);
    expect(sut).not.toMatch(/NATS|Redis|logins counted/);
    expect(sut).toMatch(/\ncustomer +150\.0 +100\.0\npublics +120\.0 +90\.0\n/);
  });

  it('shows NATS and Redis per login, the spread over the instances and every process’ RSS', () => {
    const sut = formatReport(results(true));

    expect(sut).toContain('topology scaled (2 customers × 2 publics on NATS, Redis)');
    expect(sut).toMatch(/KB\/req publics {2}CPU µs\/req NATS {2}CPU µs\/req Redis\n/);
    expect(sut).toMatch(/\nreturning .* 42 +-\n/);
    expect(sut).toContain(
      'nats-server (pid 7): 2000 µs of CPU per second while only the baseline ran (its other ' +
        'users and our idle traffic; mean over the rounds, one clock tick per run is 2500 µs/s), ' +
        "≈ 4.0 µs of each returning login's figure.",
    );
    expect(sut).toContain('redis-server: not measured (no process named redis-server).');
    expect(sut).toMatch(
      /logins counted +total +customer-0 +customer-1 +publics-0 +publics-1\n[- ]+\nreturning +4000 +50\.0 % +50\.0 % +45\.1 % +54\.9 %\nnew +2400 +50\.0 % +50\.0 % +50\.0 % +50\.0 %\n/,
    );
    expect(sut).toMatch(/\ncustomer-0 +150\.0 +100\.0\ncustomer-1 +140\.0 +99\.0\n/);
  });
});
