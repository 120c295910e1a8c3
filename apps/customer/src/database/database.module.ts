import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, DataSourceOptions } from 'typeorm';

import { CustomerConfig } from '../config/customer.env';
import { connectWithBackoff } from './connect-with-backoff';
import { databaseOptions } from './database-options';
import { runMigrationsUnderLock } from './run-migrations';

interface ConnectSettings {
  connectAttempts: number;
  startupLogger: PinoLogger;
  /** DB_MIGRATE on MySQL: apply pending migrations once connected, under the migration lock. */
  migrate: boolean;
}

/** Connects (with backoff), then applies pending migrations if asked; a failed migration stops the start. */
async function connectAndMigrate(
  options: DataSourceOptions,
  { connectAttempts, startupLogger, migrate }: ConnectSettings,
): Promise<DataSource> {
  const dataSource = await connectWithBackoff(options, connectAttempts, startupLogger);
  if (!migrate) return dataSource;
  try {
    const applied = await runMigrationsUnderLock(dataSource);
    startupLogger.info(
      { context: 'Database', applied: applied.map((migration) => migration.name) },
      applied.length > 0 ? `Applied ${applied.length} migration(s)` : 'No pending migrations',
    );
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      // pino directly: Nest's own logger still buffers while the app starts.
      inject: [ConfigService, PinoLogger],
      useFactory: (config: ConfigService<CustomerConfig, true>, startupLogger: PinoLogger) => ({
        ...databaseOptions({
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          SQLITE_PATH: config.get('SQLITE_PATH', { infer: true }),
        }),
        connectAttempts: config.get('DB_CONNECT_ATTEMPTS', { infer: true }),
        startupLogger,
        migrate: config.get('DB_MIGRATE', { infer: true }) && Boolean(config.get('DATABASE_URL')),
        // Retries are connectWithBackoff's, not the module's fixed-delay ones.
        retryAttempts: 0,
      }),
      dataSourceFactory: (options) => {
        const { connectAttempts, startupLogger, migrate, ...dataSourceOptions } =
          options as DataSourceOptions & ConnectSettings;
        return connectAndMigrate(dataSourceOptions as DataSourceOptions, {
          connectAttempts,
          startupLogger,
          migrate,
        });
      },
    }),
  ],
})
export class DatabaseModule {}
