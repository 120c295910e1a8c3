import { SnowflakeGenerator } from '@app/common';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AUTO_WORKER_ID, CustomerConfig } from '../config/customer.env';
import { IdGenerator, LeasedSnowflakeGenerator } from './id-generator';
import { WorkerIdLease } from './worker-lease.entity';
import { WorkerLeaseService } from './worker-lease.service';

@Module({
  imports: [TypeOrmModule.forFeature([WorkerIdLease])],
  providers: [
    WorkerLeaseService,
    {
      provide: IdGenerator,
      inject: [ConfigService, WorkerLeaseService],
      useFactory: async (
        config: ConfigService<CustomerConfig, true>,
        lease: WorkerLeaseService,
      ) => {
        const setting = config.get('WORKER_ID', { infer: true });
        const ttlMs = config.get('WORKER_LEASE_TTL_MS', { infer: true });
        let workerId: number;
        if (setting === AUTO_WORKER_ID) {
          workerId = await lease.acquireLowestFree(ttlMs);
        } else {
          workerId = setting;
          await lease.acquire({ workerId, ttlMs });
        }
        return new LeasedSnowflakeGenerator(new SnowflakeGenerator({ workerId }), lease);
      },
    },
  ],
  exports: [IdGenerator],
})
export class IdsModule {}
