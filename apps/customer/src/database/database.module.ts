import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions } from 'typeorm';

import { CustomerConfig } from '../config/customer.env';
import { connectWithBackoff } from './connect-with-backoff';
import { databaseOptions } from './database-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<CustomerConfig, true>) => ({
        ...databaseOptions({
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          SQLITE_PATH: config.get('SQLITE_PATH', { infer: true }),
          DB_MIGRATE: config.get('DB_MIGRATE', { infer: true }),
        }),
        connectAttempts: config.get('DB_CONNECT_ATTEMPTS', { infer: true }),
        // Retries are connectWithBackoff's, not the module's fixed-delay ones.
        retryAttempts: 0,
      }),
      dataSourceFactory: (options) => {
        const { connectAttempts, ...dataSourceOptions } = options as DataSourceOptions & {
          connectAttempts: number;
        };
        return connectWithBackoff(dataSourceOptions as DataSourceOptions, connectAttempts);
      },
    }),
  ],
})
export class DatabaseModule {}
