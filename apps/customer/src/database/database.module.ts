import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';

import { CustomerConfig } from '../config/customer.env';
import { databaseOptions } from './database-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<CustomerConfig, true>) =>
        databaseOptions({
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          SQLITE_PATH: config.get('SQLITE_PATH', { infer: true }),
          DB_MIGRATE: config.get('DB_MIGRATE', { infer: true }),
        }),
    }),
  ],
})
export class DatabaseModule {}
