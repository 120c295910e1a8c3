import { SnowflakeGenerator } from '@app/common';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';

import { CustomerConfig } from '../config/customer.env';
import { CommonUser } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([CommonUser])],
  providers: [
    UsersService,
    {
      provide: SnowflakeGenerator,
      inject: [ConfigService],
      useFactory: (config: ConfigService<CustomerConfig, true>) =>
        new SnowflakeGenerator({ workerId: config.get('WORKER_ID', { infer: true }) }),
    },
  ],
  exports: [UsersService],
})
export class UsersModule {}
