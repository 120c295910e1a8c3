import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';

export type DatabaseKind = 'sqlite' | 'mysql';

/** A common_user row as stored, with the id as the exact decimal string. */
export interface StoredUser {
  id: string;
  status: number;
  nickname: string | null;
  phone: string | null;
  phone_country_code: string | null;
  /** The user's claim on `phone` while PHONE_UNIQUE is true (unique). */
  phone_claim: string | null;
  avatar: string | null;
  open_id: string | null;
  union_id: string | null;
  account_lock_reason: string | null;
  /** As stored, without a zone: `YYYY-MM-DD HH:MM:SS` (SQLite adds `.fff`). */
  create_time: string | null;
  update_time: string | null;
  is_deleted: number;
  token_version: number;
}

/** A throwaway database for one test file, and direct access to its rows. */
export interface TestDatabase {
  kind: DatabaseKind;
  /** Variables that point customer at this database. */
  env: Record<string, string>;
  users(): Promise<StoredUser[]>;
  execute(sql: string, params?: unknown[]): Promise<void>;
  /** Rows of a query. */
  query(sql: string): Promise<unknown[]>;
  /** Rows of a SELECT on either database; BIGINTs as decimal strings. */
  select<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export const MARIADB_URL = process.env.E2E_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

const DATABASE_KINDS: readonly DatabaseKind[] = ['sqlite', 'mysql'];

/** CI=true (or any value but false/0), as CI services and `.ci/run` set it. */
function runsInCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * Which databases the e2e suite runs on: both, unless E2E_DATABASES narrows it
 * (empty counts as unset).
 * Throws (failing every e2e file) on an unknown kind, and when CI would leave
 * MariaDB out: CI never skips MariaDB silently.
 */
export function e2eDatabaseKinds(env: NodeJS.ProcessEnv = process.env): DatabaseKind[] {
  const setting = env.E2E_DATABASES?.trim() || 'sqlite,mysql';
  const wanted = setting
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind) => kind !== '');
  const unknown = wanted.filter((kind) => !DATABASE_KINDS.includes(kind as DatabaseKind));
  if (wanted.length === 0 || unknown.length > 0) {
    throw new Error(
      `E2E_DATABASES=${JSON.stringify(setting)}: use sqlite, mysql or sqlite,mysql (unset: both)`,
    );
  }
  const kinds = DATABASE_KINDS.filter((kind) => wanted.includes(kind));
  if (runsInCi(env) && !kinds.includes('mysql')) {
    throw new Error(
      `E2E_DATABASES=${JSON.stringify(setting)} leaves MariaDB out, but CI=${env.CI}: ` +
        'CI runs the e2e suite on MariaDB too. Unset E2E_DATABASES (or include mysql).',
    );
  }
  return kinds;
}

/**
 * A describe block that runs on MariaDB only. Skipped, saying so, when
 * E2E_DATABASES leaves MariaDB out (never in CI: e2eDatabaseKinds throws there).
 */
export function describeOnMariaDb(name: string, body: () => void): void {
  if (e2eDatabaseKinds().includes('mysql')) {
    describe(name, body);
    return;
  }
  console.warn(`SKIPPED (MariaDB only, E2E_DATABASES=${process.env.E2E_DATABASES ?? ''}): ${name}`);
  describe.skip(name, body);
}

function normalize(row: Record<string, unknown>): StoredUser {
  return {
    ...(row as unknown as StoredUser),
    id: String(row.id),
    status: Number(row.status),
    is_deleted: Number(row.is_deleted),
    token_version: Number(row.token_version),
  };
}

async function createSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-sqlite-'));
  const file = join(dir, 'customer.sqlite');
  const open = () => {
    const db = new Database(file);
    db.defaultSafeIntegers(true);
    db.pragma('busy_timeout = 5000');
    return db;
  };
  return {
    kind: 'sqlite',
    env: { SQLITE_PATH: file },
    async users() {
      const db = open();
      try {
        const rows = db.prepare('SELECT * FROM common_user ORDER BY id').all() as Record<
          string,
          unknown
        >[];
        return rows.map(normalize);
      } finally {
        db.close();
      }
    },
    async execute(sql, params = []) {
      const db = open();
      try {
        db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    },
    async query(sql) {
      const db = open();
      try {
        return db.prepare(sql).all();
      } finally {
        db.close();
      }
    },
    async select<T>(sql: string, params: unknown[] = []) {
      const db = open();
      try {
        const rows = db.prepare(sql).all(...params) as Record<string, unknown>[];
        return rows.map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([key, value]) => [
              key,
              typeof value === 'bigint' ? value.toString() : value,
            ]),
          ),
        ) as T[];
      } finally {
        db.close();
      }
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createMysql(): Promise<TestDatabase> {
  const name = `e2e_${Date.now()}_${randomBytes(3).toString('hex')}`;
  let admin: mysql.Connection;
  try {
    admin = await mysql.createConnection({
      uri: MARIADB_URL,
      supportBigNumbers: true,
      bigNumberStrings: true,
      // DATETIMEs as stored, not turned into this process's local time.
      dateStrings: true,
    });
  } catch (error) {
    throw new Error(
      `MariaDB is not reachable at ${MARIADB_URL} (${(error as Error).message}). ` +
        'The e2e suite runs on it every time: start MariaDB, or (outside CI) run `E2E_DATABASES=sqlite npm test` to run on the embedded database only, skipping the MariaDB-only specs.',
    );
  }
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.query(`USE \`${name}\``);
  return {
    kind: 'mysql',
    env: { DATABASE_URL: `${MARIADB_URL}/${name}`, DB_MIGRATE: 'true' },
    async users() {
      const [rows] = await admin.query('SELECT * FROM common_user ORDER BY id');
      return (rows as Record<string, unknown>[]).map(normalize);
    },
    async execute(sql, params = []) {
      await admin.query(sql, params);
    },
    async query(sql) {
      const [rows] = await admin.query(sql);
      return rows as unknown[];
    },
    async select<T>(sql: string, params: unknown[] = []) {
      const [rows] = await admin.query(sql, params);
      return rows as T[];
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

export function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'sqlite' ? createSqlite() : createMysql();
}
