import { connectableHost } from '@app/common';
import { Controller, Get, Inject } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TcpClientOptions, Transport } from '@nestjs/microservices';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
  MicroserviceHealthIndicator,
} from '@nestjs/terminus';

import { PublicsConfig } from '../config/publics.env';
import { PublicsNatsServer } from '../rpc/publics-nats.server';
import { PUBLICS_NATS_SERVER } from '../rpc/rpc.module';

/** How long the readiness check waits for publics' own TCP port. */
export const RPC_PING_TIMEOUT_MS = 1000;

/** HTTP endpoints for orchestrators, on PUBLICS_HEALTH_PORT. */
@Controller('health')
export class HealthController {
  private readonly rpcAddress: TcpClientOptions['options'];

  constructor(
    private readonly health: HealthCheckService,
    private readonly microservice: MicroserviceHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(PUBLICS_NATS_SERVER) private readonly nats: PublicsNatsServer | null,
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

  /**
   * The RPC transport takes requests (503 with the failing check otherwise): over TCP its
   * port accepts connections; over NATS it is connected and subscribed.
   */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    const nats = this.nats;
    if (nats) return this.health.check([() => this.natsCheck(nats)]);
    return this.health.check([
      () =>
        this.microservice.pingCheck<TcpClientOptions>('rpc', {
          transport: Transport.TCP,
          options: this.rpcAddress,
          timeout: RPC_PING_TIMEOUT_MS,
        }),
    ]);
  }

  private natsCheck(nats: PublicsNatsServer): HealthIndicatorResult<'rpc'> {
    const check = this.indicators.check('rpc');
    return nats.isReceiving ? check.up() : check.down('not connected to NATS');
  }
}
