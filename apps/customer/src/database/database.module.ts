import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import { DataSourceOptions } from 'typeorm';

import { CustomerConfig } from '../config/customer.env';
import { connectWithBackoff } from './connect-with-backoff';
import { databaseOptions } from './database-options';

interface ConnectSettings {
  connectAttempts: number;
  backoffLogger: PinoLogger;
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      // pino directly: Nest's own logger still buffers while the app starts.
      inject: [ConfigService, PinoLogger],
      useFactory: (config: ConfigService<CustomerConfig, true>, backoffLogger: PinoLogger) => ({
        ...databaseOptions({
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          SQLITE_PATH: config.get('SQLITE_PATH', { infer: true }),
          DB_MIGRATE: config.get('DB_MIGRATE', { infer: true }),
        }),
        connectAttempts: config.get('DB_CONNECT_ATTEMPTS', { infer: true }),
        backoffLogger,
        // Retries are connectWithBackoff's, not the module's fixed-delay ones.
        retryAttempts: 0,
      }),
      dataSourceFactory: (options) => {
        const { connectAttempts, backoffLogger, ...dataSourceOptions } =
          options as DataSourceOptions & ConnectSettings;
        return connectWithBackoff(
          dataSourceOptions as DataSourceOptions,
          connectAttempts,
          backoffLogger,
        );
      },
    }),
  ],
})
export class DatabaseModule {}
