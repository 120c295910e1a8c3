import { createHash } from 'node:crypto';

import { DataSource, Migration, MigrationExecutor } from 'typeorm';

/** How long an instance waits for another instance's migrations before it gives up. */
export const MIGRATION_LOCK_TIMEOUT_SECONDS = 600;

/** MySQL lock names are at most 64 characters: a longer database name is hashed. */
export function migrationLockName(database: string): string {
  const name = `${database}.migrations`;
  if (name.length <= 64) return name;
  return `${createHash('sha256').update(database).digest('hex').slice(0, 40)}.migrations`;
}

/**
 * Applies the pending migrations, one process at a time. TypeORM's
 * MigrationExecutor takes no lock, so two instances starting together would
 * both run the same migration; here each takes the MySQL named lock
 * `<database>.migrations` (GET_LOCK) first, runs the migrations on the
 * connection that holds it and releases it there. The one that waited then
 * finds nothing pending. A process that dies loses its lock with its connection.
 */
export async function runMigrationsUnderLock(
  dataSource: DataSource,
  timeoutSeconds = MIGRATION_LOCK_TIMEOUT_SECONDS,
): Promise<Migration[]> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    const [{ name }] = (await queryRunner.query('SELECT DATABASE() AS name')) as { name: string }[];
    const lock = migrationLockName(name);
    const [{ acquired }] = (await queryRunner.query('SELECT GET_LOCK(?, ?) AS acquired', [
      lock,
      timeoutSeconds,
    ])) as { acquired: number | string | null }[];
    if (Number(acquired) !== 1) {
      throw new Error(
        `Another process has been applying migrations for over ${timeoutSeconds} s (it holds the lock ${lock})`,
      );
    }
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      return await executor.executePendingMigrations();
    } finally {
      await queryRunner.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await queryRunner.release();
  }
}
