import { DataSource } from 'typeorm';

import { migrationDatabaseUrl } from '../config/migration.env';
import { databaseOptions } from './database-options';
import { runMigrationsUnderLock } from './run-migrations';

/**
 * `npm run migration:run`: applies pending MySQL migrations; a second run is a
 * no-op, and runs started together (or with customers on DB_MIGRATE=true) take turns.
 */
async function migrate(): Promise<void> {
  const dataSource = new DataSource({
    ...databaseOptions({
      DATABASE_URL: migrationDatabaseUrl(),
      SQLITE_PATH: '',
    }),
    logging: ['error'],
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrationsUnderLock(dataSource);
    if (applied.length === 0) {
      console.log('No pending migrations: the schema is up to date.');
    } else {
      for (const migration of applied) console.log(`Applied ${migration.name}`);
    }
  } finally {
    await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
