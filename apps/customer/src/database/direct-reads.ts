import type { Database, Statement } from 'better-sqlite3';
import type { Pool } from 'mysql2';
import { DataSource } from 'typeorm';

/** Rows of one SELECT, as the driver returns them (TypeORM's raw rows). */
export type DirectRead = (sql: string, parameters: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * SELECTs run on the driver's pool (MySQL) or a cached prepared statement
 * (SQLite) instead of through a TypeORM query runner, which takes a runner,
 * broadcasts before and after each query and wraps its result: measurable on a
 * statement every login runs. Only for reads written as SQL once; values still
 * go through the entity's metadata (see UsersService.hydrate).
 */
export function directRead(dataSource: DataSource): DirectRead {
  let read: DirectRead | undefined;
  // Chosen on first use: the driver's pool and connection exist once the data source is initialized.
  return (sql, parameters) => (read ??= readerOf(dataSource))(sql, parameters);
}

function readerOf(dataSource: DataSource): DirectRead {
  const { driver } = dataSource;
  switch (dataSource.options.type) {
    case 'mysql':
    case 'mariadb': {
      const pool = (driver as unknown as { pool?: Pool }).pool;
      if (!pool) break;
      return (sql, parameters) =>
        new Promise((resolve, reject) => {
          pool.query(sql, parameters, (error, rows) => {
            if (error) reject(error);
            else resolve(rows as Record<string, unknown>[]);
          });
        });
    }
    case 'better-sqlite3': {
      const database = (driver as unknown as { databaseConnection: Database }).databaseConnection;
      const statements = new Map<string, Statement>();
      return (sql, parameters) => {
        let statement = statements.get(sql);
        if (!statement) {
          statement = database.prepare(sql);
          statements.set(sql, statement);
        }
        try {
          return Promise.resolve(statement.all(...parameters) as Record<string, unknown>[]);
        } catch (error) {
          return Promise.reject(error as Error);
        }
      };
    }
  }
  return (sql, parameters) => dataSource.query(sql, parameters);
}
