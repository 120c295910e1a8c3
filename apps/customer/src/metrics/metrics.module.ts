import { Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * One registry per app (not prom-client's global one), with the process
 * metrics, served at GET /metrics. Global: the login route, the publics client
 * and the users service record into it.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: Registry,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
    MetricsService,
  ],
  exports: [MetricsService],
})
export class MetricsModule {}
