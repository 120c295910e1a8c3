import { e2eDatabaseKinds } from './test-database';

describe(e2eDatabaseKinds.name, () => {
  it('runs on both databases when E2E_DATABASES is unset, in CI or not', () => {
    expect(e2eDatabaseKinds({})).toEqual(['sqlite', 'mysql']);
    expect(e2eDatabaseKinds({ CI: 'true' })).toEqual(['sqlite', 'mysql']);
    expect(e2eDatabaseKinds({ E2E_DATABASES: ' ', CI: 'true' })).toEqual(['sqlite', 'mysql']);
  });

  it('narrows to SQLite outside CI', () => {
    expect(e2eDatabaseKinds({ E2E_DATABASES: 'sqlite' })).toEqual(['sqlite']);
    expect(e2eDatabaseKinds({ E2E_DATABASES: 'sqlite', CI: 'false' })).toEqual(['sqlite']);
  });

  it.each(['true', '1', 'yes'])('refuses to leave MariaDB out when CI=%s', (ci) => {
    expect(() => e2eDatabaseKinds({ E2E_DATABASES: 'sqlite', CI: ci })).toThrow(
      /leaves MariaDB out, but CI=/,
    );
  });

  it('runs on MariaDB only in CI when asked to', () => {
    expect(e2eDatabaseKinds({ E2E_DATABASES: ' mysql ', CI: 'true' })).toEqual(['mysql']);
  });

  it.each([',', 'postgres', 'sqlite,mariadb'])(
    'refuses E2E_DATABASES=%j rather than run on nothing or guess',
    (setting) => {
      expect(() => e2eDatabaseKinds({ E2E_DATABASES: setting })).toThrow(/E2E_DATABASES=/);
    },
  );
});
