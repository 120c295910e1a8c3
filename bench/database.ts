import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import mysql from 'mysql2/promise';

/** A database that exists for one bench run only. */
export interface BenchDatabase {
  /** "mysql" or "sqlite", for the report. */
  kind: 'mysql' | 'sqlite';
  /** Where it is, without credentials, for the report. */
  description: string;
  /** Variables that point customer at it. */
  customerEnv: Record<string, string>;
  drop(): Promise<void>;
}

/** The URL without its password, safe to print. */
export function redactUrl(url: URL): string {
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  return shown.href;
}

/** Runs `statement` on the server of `url` (no database selected) over a connection of its own. */
async function onServer(url: URL, statement: string): Promise<void> {
  const connection = await mysql.createConnection({
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
  });
  try {
    await connection.query(statement);
  } finally {
    await connection.end();
  }
}

async function createMysqlDatabase(serverUrl: string): Promise<BenchDatabase> {
  const url = new URL(serverUrl);
  if (url.protocol !== 'mysql:') {
    throw new Error(`DATABASE_URL must be a mysql:// URL, got ${url.protocol}//…`);
  }
  const name = `bench_${Date.now()}`;
  try {
    await onServer(
      url,
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } catch (error) {
    throw new Error(
      `could not create database ${name} on ${redactUrl(url)}: ${(error as Error).message}`,
    );
  }
  const databaseUrl = new URL(url.href);
  databaseUrl.pathname = `/${name}`;
  let dropped = false;
  return {
    kind: 'mysql',
    description: redactUrl(databaseUrl),
    customerEnv: { DATABASE_URL: databaseUrl.href, DB_MIGRATE: 'true' },
    async drop() {
      if (dropped) return;
      dropped = true;
      await onServer(url, `DROP DATABASE IF EXISTS \`${name}\``);
    },
  };
}

async function createSqliteDatabase(): Promise<BenchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-sqlite-'));
  const file = join(dir, 'customer.sqlite');
  return {
    kind: 'sqlite',
    description: file,
    customerEnv: { SQLITE_PATH: file, DB_MIGRATE: 'false' },
    async drop() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A throwaway database on DATABASE_URL's server when given, else an embedded SQLite file in a temp dir. */
export function createBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  return serverUrl ? createMysqlDatabase(serverUrl) : createSqliteDatabase();
}
