import { PrometheusController, prometheusRegistryProvider } from '@app/common';
import { Global, Module } from '@nestjs/common';

import { MetricsService } from './metrics.service';

/** One registry per app (not prom-client's global one), with the process metrics, served at GET /metrics. */
@Global()
@Module({
  controllers: [PrometheusController],
  providers: [prometheusRegistryProvider, MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
