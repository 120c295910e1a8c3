import { ArgumentsHost, ExecutionContext, HttpStatus, NotFoundException } from '@nestjs/common';
import { Registry } from 'prom-client';
import { QueryFailedError } from 'typeorm';

import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { errorOutcome, LoginMetricsFilter, LoginMetricsGuard } from './login-metrics';
import { MetricsService } from './metrics.service';

/** What the guard, the filter and the handler parameter see of one request. */
function requestContext(): ExecutionContext & ArgumentsHost {
  const request = {};
  const reply = { status: () => reply, send: () => reply };
  const http = { getRequest: () => request, getResponse: () => reply };
  return { switchToHttp: () => http } as unknown as ExecutionContext & ArgumentsHost;
}

describe(LoginMetricsGuard.name, () => {
  let registry: Registry;
  let sut: LoginMetricsGuard;
  const filter = new LoginMetricsFilter();

  beforeEach(() => {
    registry = new Registry();
    sut = new LoginMetricsGuard(new MetricsService(registry));
  });

  it('lets every request through and counts a refused login once, under its error code', async () => {
    const context = requestContext();
    const error = new AppException(
      HttpStatus.FORBIDDEN,
      CustomerErrorCode.ACCOUNT_FROZEN,
      'frozen',
    );

    expect(sut.canActivate(context)).toBe(true);
    filter.catch(error, context);
    filter.catch(error, context);

    const text = await registry.metrics();
    expect(text).toContain('login_requests_total{outcome="ACCOUNT_FROZEN"} 1');
    expect(text).toContain('login_duration_seconds_count 1');
  });

  it('counts nothing for a request refused before the guard timed it', async () => {
    filter.catch(
      new AppException(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_REQUESTS', 'slow down'),
      requestContext(),
    );

    const text = await registry.metrics();
    expect(text).not.toContain('login_requests_total{');
    expect(text).toContain('login_duration_seconds_count 0');
  });
});

describe(errorOutcome.name, () => {
  it('is the code of an AppException, a publics contract code included', () => {
    expect(
      errorOutcome(new AppException(HttpStatus.UNAUTHORIZED, 'INVALID_LOGIN_CODE', 'used')),
    ).toBe('INVALID_LOGIN_CODE');
  });

  it("is the code customer answers Nest's HTTP exceptions with", () => {
    expect(errorOutcome(new NotFoundException())).toBe(CustomerErrorCode.NOT_FOUND);
  });

  it('is DATABASE_UNAVAILABLE for a lost database connection', () => {
    const lost = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('gone'), {
        code: 'ECONNREFUSED',
      }),
    );

    expect(errorOutcome(lost)).toBe(CustomerErrorCode.DATABASE_UNAVAILABLE);
  });

  it('is INTERNAL_ERROR for anything unexpected', () => {
    expect(errorOutcome(new TypeError('bug'))).toBe(CustomerErrorCode.INTERNAL_ERROR);
  });
});
