import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { ManagedProcess } from '../tools/local-stack/managed-process';
import { freePort } from '../tools/net/free-port';
import { mintCode } from './support/http';
import { TEST_JWT_SECRET, TestStack } from './support/stack';
import { mysqlMigrations } from '../apps/customer/src/database/migrations';
import {
  createTestDatabase,
  describeOnMariaDb,
  StoredUser,
  TestDatabase,
} from './support/test-database';

const customerDist = join(__dirname, '..', 'dist', 'apps', 'customer', 'src');
const migrate = join(customerDist, 'database', 'migrate.js');
const customerMain = join(customerDist, 'main.js');

/** The seed project's DDL, as its Java service created the table. */
const SEED_DDL = `
  CREATE TABLE common_user (
    id bigint NOT NULL,
    status int DEFAULT 0,
    nickname varchar(255) DEFAULT NULL,
    phone varchar(20) DEFAULT NULL,
    avatar varchar(255) DEFAULT NULL,
    open_id varchar(100) DEFAULT NULL,
    account_lock_reason varchar(255) DEFAULT NULL,
    create_time datetime DEFAULT NULL,
    update_time datetime DEFAULT NULL,
    is_deleted int DEFAULT 0,
    PRIMARY KEY (id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8`;

async function runMigrations(db: TestDatabase): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [migrate], {
      env: { PATH: process.env.PATH, DATABASE_URL: db.env.DATABASE_URL },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

async function rows<T>(db: TestDatabase, sql: string): Promise<T[]> {
  return (await db.query(sql)) as T[];
}

/** How many times each migration is recorded in TypeORM's migrations table. */
async function recordedMigrations(db: TestDatabase): Promise<Record<string, number>> {
  const recorded = await rows<{ name: string; times: number | string }>(
    db,
    'SELECT name, COUNT(*) AS times FROM migrations GROUP BY name',
  );
  return Object.fromEntries(recorded.map((row) => [row.name, Number(row.times)]));
}

/** The schema the migrations make, whoever applied them: tables and the unique open_id index. */
async function expectMigratedSchema(db: TestDatabase): Promise<void> {
  const tables = await rows<{ name: string }>(
    db,
    'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME',
  );
  expect(tables.map((table) => table.name)).toEqual([
    'common_user',
    'common_user_identity',
    'login_audit',
    'migrations',
    'worker_id_lease',
  ]);
  expect(
    await rows(db, "SHOW INDEX FROM common_user WHERE Column_name = 'open_id' AND Non_unique = 0"),
  ).toHaveLength(1);
  expect(await recordedMigrations(db)).toEqual(
    Object.fromEntries(mysqlMigrations.map((migration) => [migration.name, 1])),
  );
}

/** open_id and union_id compare byte for byte, and open_id stays unique. */
/** The column compares exactly: MariaDB's binary collation without padding, or MySQL 8's. */
async function expectExactCollation(
  db: TestDatabase,
  table: string,
  column: string,
): Promise<void> {
  const [found] = await db.select<{ collation: string }>(
    `SELECT COLLATION_NAME AS collation FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?`,
    [table, column],
  );
  expect(found.collation).toMatch(/^utf8mb4_(nopad_bin|0900_bin)$/);
}

async function expectExactWechatIds(db: TestDatabase): Promise<void> {
  const columns = await rows<{ name: string; collation: string }>(
    db,
    `SELECT COLUMN_NAME AS name, COLLATION_NAME AS collation FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'common_user' AND COLUMN_NAME IN ('open_id', 'union_id')
      ORDER BY COLUMN_NAME`,
  );
  // MariaDB's binary collation without padding, or MySQL 8's.
  const exact = expect.stringMatching(/^utf8mb4_(nopad_bin|0900_bin)$/);
  expect(columns).toEqual([
    { name: 'open_id', collation: exact },
    { name: 'union_id', collation: exact },
  ]);
  const ids = ['oCaseSensitive', 'ocasesensitive', 'oCaseSensitive '];
  for (const [index, openid] of ids.entries()) {
    await db.execute('INSERT INTO common_user (id, open_id, union_id) VALUES (?, ?, ?)', [
      String(8_000_000_000_000_000_000n + BigInt(index)),
      openid,
      openid.replace(/^o/, 'u'),
    ]);
  }
  await expect(
    db.execute("INSERT INTO common_user (id, open_id) VALUES ('8000000000000000009', ?)", [ids[0]]),
  ).rejects.toThrow(/Duplicate entry/);
  const found = await rows<{ open_id: string }>(
    db,
    "SELECT open_id FROM common_user WHERE open_id = 'oCaseSensitive' OR union_id = 'uCaseSensitive'",
  );
  expect(found).toEqual([{ open_id: 'oCaseSensitive' }]);
  await db.execute("DELETE FROM common_user WHERE id >= '8000000000000000000'");
}

describeOnMariaDb('MySQL migrations (npm run migration:run)', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase('mysql');
  });
  afterEach(() => db?.drop());

  it('creates the schema on an empty database, and a second run is a no-op', async () => {
    const first = await runMigrations(db);
    const second = await runMigrations(db);

    expect(first).toEqual({ code: 0, output: expect.stringContaining('Applied CreateCommonUser') });
    expect(second).toEqual({ code: 0, output: expect.stringContaining('No pending migrations') });
    const indexes = await rows<{ Key_name: string }>(
      db,
      "SHOW INDEX FROM common_user WHERE Non_unique = 0 AND Column_name = 'open_id'",
    );
    expect(indexes.map((index) => index.Key_name)).toEqual(['uk_common_user_open_id']);
    const [table] = await rows<{ TABLE_COLLATION: string }>(
      db,
      "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'common_user'",
    );
    expect(table.TABLE_COLLATION).toMatch(/^utf8mb4_/);
    await expectExactWechatIds(db);
  });

  it('applies each migration once when three migration runs start together on an empty database', async () => {
    const runs = await Promise.all([runMigrations(db), runMigrations(db), runMigrations(db)]);

    expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
    expect(runs.filter((run) => run.output.includes('Applied CreateCommonUser'))).toHaveLength(1);
    expect(runs.filter((run) => run.output.includes('No pending migrations'))).toHaveLength(2);
    await expectMigratedSchema(db);
  });

  it('starts two customers with DB_MIGRATE=true together on an empty database, each migration applied once', async () => {
    const customers = await Promise.all(
      [1, 2].map(async (workerId) => {
        const port = await freePort();
        return new ManagedProcess({
          name: `customer-${workerId}`,
          script: customerMain,
          port,
          env: {
            PATH: process.env.PATH,
            NODE_ENV: 'test',
            LOG_LEVEL: 'info',
            JWT_SECRET: TEST_JWT_SECRET,
            DATABASE_URL: db.env.DATABASE_URL,
            DB_MIGRATE: 'true',
            WORKER_ID: String(workerId),
            CUSTOMER_HOST: '127.0.0.1',
            CUSTOMER_PORT: String(port),
            PUBLICS_PORT: String(await freePort()),
            CUSTOMER_RPC_PORT: String(await freePort()),
            WECHAT_APPIDS: 'wx-e2e-appid',
          },
        });
      }),
    );
    try {
      await Promise.all(customers.map((customer) => customer.start()));

      await expectMigratedSchema(db);
      const logs = customers.map((customer) => customer.output);
      expect(
        logs.filter((log) => log.includes(`Applied ${mysqlMigrations.length} migration(s)`)),
      ).toHaveLength(1);
      expect(logs.filter((log) => log.includes('No pending migrations'))).toHaveLength(1);
    } finally {
      await Promise.all(customers.map((customer) => customer.stop()));
    }
  });

  it("upgrades the seed's table, refusing the unique index while openids are duplicated and deleting nobody", async () => {
    await db.execute(SEED_DDL);
    await db.execute(
      `INSERT INTO common_user (id, status, nickname, open_id, create_time, is_deleted) VALUES
         (9007199254740993, 0, 'first', 'o-dup', '2024-01-01 00:00:00', 0),
         (9007199254740995, 0, 'second', 'o-dup', '2024-01-01 00:00:01', 0),
         (1863091127000012800, 1, 'frozen', 'o-solo', '2024-01-02 00:00:00', 0)`,
    );

    const refused = await runMigrations(db);

    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('open_id o-dup: users 9007199254740993, 9007199254740995');
    expect((await db.users()).map((row) => row.id)).toEqual([
      '9007199254740993',
      '9007199254740995',
      '1863091127000012800',
    ]);
    expect(await rows(db, "SHOW COLUMNS FROM common_user LIKE 'union_id'")).toHaveLength(1);
    expect(
      await rows(db, "SHOW INDEX FROM common_user WHERE Column_name = 'open_id'"),
    ).toHaveLength(0);

    await db.execute("UPDATE common_user SET open_id = NULL WHERE id = '9007199254740995'");
    const resolved = await runMigrations(db);
    const again = await runMigrations(db);

    expect(resolved).toEqual({
      code: 0,
      output: expect.stringContaining('Applied UpgradeSeedCommonUser'),
    });
    expect(again.output).toContain('No pending migrations');
    await expectExactWechatIds(db);
    expect(
      await rows(
        db,
        "SHOW INDEX FROM common_user WHERE Column_name = 'open_id' AND Non_unique = 0",
      ),
    ).toHaveLength(1);
    await db.execute("UPDATE common_user SET nickname = '小明🐼' WHERE id = '1863091127000012800'");
    const users = await db.users();
    expect(users.map((row) => [row.id, row.nickname, row.status])).toEqual([
      ['9007199254740993', 'first', 0],
      ['9007199254740995', 'second', 0],
      ['1863091127000012800', '小明🐼', 1],
    ]);
  });

  it('lets a seed user log in with the id the seed gave them', async () => {
    await db.execute(SEED_DDL);
    expect((await runMigrations(db)).code).toBe(0);
    const stack = await TestStack.start({ database: db });
    try {
      const { code, openid } = await mintCode(stack.sandboxUrl, { user: 'seed-user' });
      await db.execute(
        "INSERT INTO common_user (id, status, nickname, open_id, is_deleted) VALUES ('9007199254740993', 0, 'seed nickname', ?, 0)",
        [openid],
      );

      const response = await fetch(`${stack.customerUrl}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });

      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        user: { id: '9007199254740993', nickname: 'seed nickname' },
      });
      expect(await db.users()).toHaveLength(1);
      expect(await db.select('SELECT user_id, appid, openid FROM common_user_identity')).toEqual([
        { user_id: '9007199254740993', appid: 'wx-e2e-appid', openid },
      ]);
    } finally {
      await stack.stop();
    }
  });

  it("upgrades today's rows to the account's whole life without losing or merging anyone", async () => {
    await db.execute(SEED_DDL);
    await db.execute('ALTER TABLE common_user ADD COLUMN union_id varchar(100) NULL');
    await db.execute(
      `INSERT INTO common_user (id, status, nickname, phone, avatar, open_id, union_id, account_lock_reason, create_time, update_time, is_deleted) VALUES
         (9007199254740993, 0, 'one', '13800000000', 'https://a.example/1.png', 'o-1', 'u-shared', NULL, '2024-01-01 00:00:00', '2024-01-02 00:00:00', 0),
         (9007199254740995, 1, 'two', NULL, NULL, 'o-2', 'u-shared', '违规', '2024-01-01 00:00:01', NULL, 0),
         (1863091127000012800, 0, 'gone', NULL, NULL, 'o-3', NULL, NULL, '2024-01-02 00:00:00', NULL, 1)`,
    );
    const before = await db.users();

    const refused = await runMigrations(db);

    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('union_id u-shared: users 9007199254740993, 9007199254740995');
    const keep = ({
      token_version: _v,
      phone_country_code: _c,
      phone_claim: _claim,
      ...row
    }: StoredUser) => row;
    expect((await db.users()).map(keep)).toEqual(before.map(keep));

    await db.execute("UPDATE common_user SET union_id = NULL WHERE id = '9007199254740995'");
    const resolved = await runMigrations(db);

    expect(resolved).toEqual({
      code: 0,
      output: expect.stringContaining('Applied AccountLifecycle'),
    });
    await expectMigratedSchema(db);
    const after = await db.users();
    expect(after.map(keep)).toEqual(
      before.map((row) => keep(row.id === '9007199254740995' ? { ...row, union_id: null } : row)),
    );
    expect(
      after.map((row) => [row.token_version, row.phone_country_code, row.phone_claim]),
    ).toEqual([
      [0, null, '13800000000'],
      [0, null, null],
      [0, null, null],
    ]);
    await expect(
      db.execute("UPDATE common_user SET union_id = 'u-shared' WHERE id = '9007199254740995'"),
    ).rejects.toThrow(/Duplicate entry/);
    await expectExactCollation(db, 'common_user_identity', 'openid');
  });

  it('claims the phones of live users, one user per number where several share one, and keeps every phone', async () => {
    await db.execute(SEED_DDL);
    await db.execute(
      `INSERT INTO common_user (id, status, nickname, phone, open_id, is_deleted) VALUES
         (9007199254740995, 0, 'second sharer', '13800000001', 'o-1', 0),
         (9007199254740993, 0, 'first sharer', '13800000001', 'o-2', 0),
         (1863091127000012800, 1, 'third sharer, frozen', '13800000001', 'o-3', 0),
         (1863091127000012801, 0, 'deleted', '13800000002', NULL, 1),
         (1863091127000012802, 0, 'after a deleted one', '13800000002', 'o-5', 0),
         (1863091127000012803, 0, 'alone', '13800000003', 'o-6', 0),
         (1863091127000012804, 0, 'no phone', NULL, 'o-7', 0),
         (1863091127000012805, 0, 'empty phone', '', 'o-8', 0)`,
    );
    const phones = async () =>
      (await db.users()).map((row) => [row.id, row.phone, row.phone_claim]);

    expect((await runMigrations(db)).code).toBe(0);

    expect(await phones()).toEqual([
      ['9007199254740993', '13800000001', '13800000001'],
      ['9007199254740995', '13800000001', null],
      ['1863091127000012800', '13800000001', null],
      ['1863091127000012801', '13800000002', null],
      ['1863091127000012802', '13800000002', '13800000002'],
      ['1863091127000012803', '13800000003', '13800000003'],
      ['1863091127000012804', null, null],
      ['1863091127000012805', '', null],
    ]);
    await expect(
      db.execute(
        "UPDATE common_user SET phone_claim = '13800000001' WHERE id = '9007199254740995'",
      ),
    ).rejects.toThrow(/Duplicate entry/);
    await expectExactCollation(db, 'common_user', 'phone_claim');
  });
});
