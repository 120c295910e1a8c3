import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { TimeoutError } from 'rxjs';

import { PublicsClient } from '../publics/publics.client';

/** publics answers health.ping over the RPC connection logins use. */
@Injectable()
export class PublicsHealthIndicator {
  constructor(
    private readonly publics: PublicsClient,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async pingCheck<const Key extends string>(
    key: Key,
    timeoutMs: number,
  ): Promise<HealthIndicatorResult<Key>> {
    const check = this.indicators.check(key);
    try {
      await this.publics.ping(timeoutMs);
      return check.up();
    } catch (error) {
      // Fixed messages: the transport's own (addresses, ports) stay out of the answer.
      return check.down(
        error instanceof TimeoutError
          ? `publics did not answer within ${timeoutMs} ms`
          : 'publics is unreachable',
      );
    }
  }
}
