import { PrometheusController } from '@app/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';

import { AuthController } from '../../apps/customer/src/auth/auth.controller';
import { JwksController } from '../../apps/customer/src/auth/jwks.controller';
import { LoginThrottlerGuard } from '../../apps/customer/src/auth/login-throttler';
import { HealthController } from '../../apps/customer/src/health/health.controller';
import { SeedController } from '../../apps/customer/src/seed/seed.controller';
import { UsersController } from '../../apps/customer/src/users/users.controller';

/**
 * Every controller customer serves, in an initialised Nest app whose
 * dependencies are empty stand-ins: enough for the OpenAPI document that
 * GET /docs-json serves (test/api-docs.e2e-spec.ts checks that the running
 * app serves the same document as test/fixtures/openapi.json).
 */
export async function customerDocsApp(): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: [
      PrometheusController,
      HealthController,
      AuthController,
      JwksController,
      UsersController,
      SeedController,
    ],
  })
    .useMocker(() => ({}))
    .overrideGuard(LoginThrottlerGuard)
    .useValue({ canActivate: () => true })
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  return app;
}
