import { readBenchConfig } from './config';

describe(readBenchConfig.name, () => {
  it('runs the single topology on embedded SQLite by default', () => {
    const sut = readBenchConfig({});

    expect(sut.topology).toBe('single');
    expect(sut.databaseUrl).toBeUndefined();
    expect(sut.connections).toBe(32);
  });

  it('refuses the scaled topology without a MySQL/MariaDB server, saying what to set', () => {
    expect(() => readBenchConfig({ BENCH_TOPOLOGY: 'scaled' })).toThrow(
      /BENCH_TOPOLOGY=scaled runs two customers on one database.*DATABASE_URL=mysql:\/\//,
    );
    expect(() =>
      readBenchConfig({ BENCH_TOPOLOGY: 'scaled', DATABASE_URL: 'postgres://u:secret@db/x' }),
    ).toThrow(/needs DATABASE_URL to be a mysql:\/\/ URL \(MySQL\/MariaDB\), got postgres:…$/);
  });

  it('takes the scaled topology on MySQL', () => {
    const sut = readBenchConfig({
      BENCH_TOPOLOGY: 'scaled',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/bench',
    });

    expect(sut.topology).toBe('scaled');
    expect(sut.natsUrl).toBe('nats://127.0.0.1:4222');
    expect(sut.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('refuses fewer connections than the scaled topology has customers', () => {
    expect(() =>
      readBenchConfig({
        BENCH_TOPOLOGY: 'scaled',
        DATABASE_URL: 'mysql://root@127.0.0.1:3306/bench',
        BENCH_CONNECTIONS: '1',
      }),
    ).toThrow('BENCH_CONNECTIONS must be at least 2 (one per customer) with BENCH_TOPOLOGY=scaled');
    expect(readBenchConfig({ BENCH_CONNECTIONS: '1' }).connections).toBe(1);
  });
});
