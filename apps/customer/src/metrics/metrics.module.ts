import { PrometheusController, prometheusRegistryProvider } from '@app/common';
import { Global, Module } from '@nestjs/common';

import { MetricsService } from './metrics.service';

/**
 * One registry per app (not prom-client's global one), with the process
 * metrics, served at GET /metrics. Global: the login route, the publics client
 * and the users service record into it.
 */
@Global()
@Module({
  controllers: [PrometheusController],
  providers: [prometheusRegistryProvider, MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
