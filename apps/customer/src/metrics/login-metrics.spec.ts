import { ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Registry } from 'prom-client';

import { finishLogin, LoginMetricsGuard } from './login-metrics';
import { MetricsService } from './metrics.service';

/** What the guard sees of one request. */
function requestContext(request: object): ExecutionContext {
  const http = { getRequest: () => request, getResponse: () => ({}) };
  return { switchToHttp: () => http } as unknown as ExecutionContext;
}

describe(LoginMetricsGuard.name, () => {
  let registry: Registry;
  let sut: LoginMetricsGuard;

  beforeEach(() => {
    registry = new Registry();
    sut = new LoginMetricsGuard(new MetricsService(registry));
  });

  it('lets every request through and counts a refused login once, under its error code', async () => {
    const request = {} as FastifyRequest;

    expect(sut.canActivate(requestContext(request))).toBe(true);
    finishLogin(request, 'ACCOUNT_FROZEN');
    finishLogin(request, 'ACCOUNT_FROZEN');

    const text = await registry.metrics();
    expect(text).toContain('login_requests_total{outcome="ACCOUNT_FROZEN"} 1');
    expect(text).toContain('login_duration_seconds_count 1');
  });

  it('counts nothing for a request refused before the guard timed it', async () => {
    finishLogin({} as FastifyRequest, 'TOO_MANY_REQUESTS');

    const text = await registry.metrics();
    expect(text).not.toContain('login_requests_total{');
    expect(text).toContain('login_duration_seconds_count 0');
  });
});
