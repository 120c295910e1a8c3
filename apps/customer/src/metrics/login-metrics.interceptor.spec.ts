import { CallHandler, ExecutionContext, HttpStatus, NotFoundException } from '@nestjs/common';
import { Registry } from 'prom-client';
import { firstValueFrom, of, throwError } from 'rxjs';
import { QueryFailedError } from 'typeorm';

import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { errorOutcome, LoginMetricsInterceptor } from './login-metrics.interceptor';
import { MetricsService } from './metrics.service';

describe(LoginMetricsInterceptor.name, () => {
  let registry: Registry;
  let sut: LoginMetricsInterceptor;
  const context = {} as ExecutionContext;
  const handler = (result: ReturnType<CallHandler['handle']>): CallHandler => ({
    handle: () => result,
  });

  beforeEach(() => {
    registry = new Registry();
    sut = new LoginMetricsInterceptor(new MetricsService(registry));
  });

  it('counts an answered login as success and passes the answer on', async () => {
    const answer = { token: 't' };

    await expect(firstValueFrom(sut.intercept(context, handler(of(answer))))).resolves.toBe(answer);

    expect(await registry.metrics()).toContain('login_requests_total{outcome="success"} 1');
  });

  it('counts a refused login under its error code and rethrows the error', async () => {
    const error = new AppException(
      HttpStatus.FORBIDDEN,
      CustomerErrorCode.ACCOUNT_FROZEN,
      'frozen',
    );

    await expect(
      firstValueFrom(sut.intercept(context, handler(throwError(() => error)))),
    ).rejects.toBe(error);

    const text = await registry.metrics();
    expect(text).toContain('login_requests_total{outcome="ACCOUNT_FROZEN"} 1');
    expect(text).toContain('login_duration_seconds_count 1');
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
