import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';

import { AuthController } from '../../apps/customer/src/auth/auth.controller';
import { AuthService } from '../../apps/customer/src/auth/auth.service';
import { LoginThrottlerGuard } from '../../apps/customer/src/auth/login-throttler';
import { MetricsService } from '../../apps/customer/src/metrics/metrics.service';

/** customer's AuthController alone in an initialised Nest app: enough for its OpenAPI document. */
export async function authDocsApp(): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: [AuthController],
    providers: [
      { provide: AuthService, useValue: {} },
      MetricsService,
      { provide: Registry, useValue: new Registry() },
    ],
  })
    .overrideGuard(LoginThrottlerGuard)
    .useValue({ canActivate: () => true })
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  return app;
}
