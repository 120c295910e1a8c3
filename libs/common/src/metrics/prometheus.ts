import { Controller, Get, Header, Provider } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** One registry per app (not prom-client's global one), with the process metrics. */
export const prometheusRegistryProvider: Provider = {
  provide: Registry,
  useFactory: () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    return registry;
  },
};

@Controller('metrics')
export class PrometheusController {
  constructor(private readonly registry: Registry) {}

  /** Every metric in Prometheus' text format. */
  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
