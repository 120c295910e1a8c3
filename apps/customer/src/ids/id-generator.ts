import { SnowflakeGenerator } from '@app/common';
import { HttpStatus } from '@nestjs/common';

import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { WorkerLeaseService } from './worker-lease.service';

/** Makes the ids of new rows. */
export abstract class IdGenerator {
  abstract nextId(): bigint;
}

/** Snowflake ids, only while this instance holds the lease on its WORKER_ID. */
export class LeasedSnowflakeGenerator extends IdGenerator {
  constructor(
    private readonly snowflake: SnowflakeGenerator,
    private readonly lease: WorkerLeaseService,
  ) {
    super();
  }

  nextId(): bigint {
    if (!this.lease.isHeld()) {
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        CustomerErrorCode.ID_GENERATOR_UNAVAILABLE,
        'New users cannot be created right now; retry later',
      );
    }
    return this.snowflake.nextId();
  }
}
