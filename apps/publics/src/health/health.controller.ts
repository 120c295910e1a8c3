import { connectableHost } from '@app/common';
import { Controller, Get } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TcpClientOptions, Transport } from '@nestjs/microservices';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  MicroserviceHealthIndicator,
} from '@nestjs/terminus';

import { PublicsConfig } from '../config/publics.env';

/** How long the readiness check waits for publics' own TCP port. */
export const RPC_PING_TIMEOUT_MS = 1000;

/** HTTP endpoints for orchestrators, on PUBLICS_HEALTH_PORT. */
@Controller('health')
export class HealthController {
  private readonly rpcAddress: TcpClientOptions['options'];

  constructor(
    private readonly health: HealthCheckService,
    private readonly microservice: MicroserviceHealthIndicator,
    config: ConfigService<PublicsConfig, true>,
  ) {
    this.rpcAddress = {
      host: connectableHost(config.get('PUBLICS_HOST', { infer: true })),
      port: config.get('PUBLICS_PORT', { infer: true }),
    };
  }

  /** The process is up; checks nothing else. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** The RPC transport accepts connections (503 with the failing check otherwise). */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () =>
        this.microservice.pingCheck<TcpClientOptions>('rpc', {
          transport: Transport.TCP,
          options: this.rpcAddress,
          timeout: RPC_PING_TIMEOUT_MS,
        }),
    ]);
  }
}
