import { Controller, Get, UseFilters } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';

import { HealthCheckFailedFilter } from './health-check.filter';
import { PublicsHealthIndicator } from './publics.health';

/** How long the readiness check waits for the database and for publics. */
export const READINESS_TIMEOUT_MS = 1000;

@Controller('health')
@UseFilters(HealthCheckFailedFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly publics: PublicsHealthIndicator,
  ) {}

  /** The process is up; checks no dependency (a restart would not help them). */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** The database and publics answer within READINESS_TIMEOUT_MS; 503 naming the failing ones otherwise. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: READINESS_TIMEOUT_MS }),
      () => this.publics.pingCheck('publics', READINESS_TIMEOUT_MS),
    ]);
  }
}
