import { carryRequestIds } from '@app/common';
import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Post,
  UseGuards,
} from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';
import { QueryFailedError } from 'typeorm';

import { AuditEvent } from '../audit/audit-event';
import { AuditTrail } from '../audit/audit-trail.service';
import { RefusedLogins } from '../audit/refused-logins';
import { LoginDto } from '../auth/dto/login.dto';
import { acceptJsonBodiesOnly, BODY_LIMIT_BYTES } from '../http/body-parsing';
import { LoginMetricsGuard } from '../metrics/login-metrics';
import { MetricsService } from '../metrics/metrics.service';
import { AppException, CustomerErrorCode } from './app.exception';
import { nativeErrorAnswer } from './error-response';
import { HttpExceptionFilter } from './http-exception.filter';
import { createHttpValidationPipe } from './http-validation.pipe';
import { RouteErrors } from './route-errors';

const serviceFailure = jest.fn<Promise<never>, []>();

/** A login route, the same route answering in another shape, and a route that is no login. */
@Controller()
class RoutesUnderTest {
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LoginMetricsGuard)
  @RouteErrors({ loginAttempt: true })
  login(@Body() _body: LoginDto): Promise<never> {
    return serviceFailure();
  }

  @Post('enveloped-login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LoginMetricsGuard)
  @RouteErrors({
    loginAttempt: true,
    answer: (exception) => {
      const native = nativeErrorAnswer(exception);
      return { ...native, status: 200, body: { code: native.status, data: null } };
    },
  })
  envelopedLogin(@Body() _body: LoginDto): Promise<never> {
    return serviceFailure();
  }

  @Post('profile')
  @HttpCode(HttpStatus.OK)
  profile(@Body() _body: LoginDto): Promise<never> {
    return serviceFailure();
  }
}

describe(HttpExceptionFilter.name, () => {
  let app: NestFastifyApplication;
  const recorded: AuditEvent[] = [];
  const registry = new Registry();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [RoutesUnderTest],
      providers: [
        RefusedLogins,
        MetricsService,
        { provide: Registry, useValue: registry },
        { provide: AuditTrail, useValue: { record: (event: AuditEvent) => recorded.push(event) } },
      ],
    }).compile();
    const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });
    carryRequestIds(adapter.getInstance());
    acceptJsonBodiesOnly(adapter.getInstance());
    app = moduleRef.createNestApplication<NestFastifyApplication>(adapter, {
      logger: false,
      bodyParser: false,
    });
    app.useGlobalPipes(createHttpValidationPipe());
    app.useGlobalFilters(new HttpExceptionFilter(app.get(RefusedLogins)));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app?.close());
  beforeEach(() => {
    recorded.length = 0;
    registry.resetMetrics();
    serviceFailure.mockReset();
  });

  const post = (url: string, payload: string, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': contentType, 'x-request-id': 'req-7', 'user-agent': 'mp/2' },
    });
  const origin = { requestId: 'req-7', clientIp: '127.0.0.1', userAgent: 'mp/2' };

  it.each([
    ['a body that is not JSON', '{"code":', 'application/json', 400, 'MALFORMED_JSON'],
    [
      'a body over the limit',
      JSON.stringify({ code: 'c'.repeat(BODY_LIMIT_BYTES) }),
      'application/json',
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a body that is not JSON by its type',
      'code=abc',
      'text/plain',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a body the validation refuses',
      '{"code":"abc","role":"admin"}',
      'application/json',
      400,
      'VALIDATION_FAILED',
    ],
  ])(
    'audits a login refused before the service for %s, with its origin and code',
    async (_case, payload, contentType, status, code) => {
      const response = await post('/login', payload, contentType);

      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual({ statusCode: status, code, message: expect.any(String) });
      expect(recorded).toEqual([{ action: 'login', outcome: code, ...origin }]);
      expect(serviceFailure).not.toHaveBeenCalled();
    },
  );

  it("answers a login route's parser refusal in the route's shape, audited all the same", async () => {
    const response = await post('/enveloped-login', 'code=abc', 'text/plain');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ code: 415, data: null });
    expect(recorded).toEqual([{ action: 'login', outcome: 'UNSUPPORTED_MEDIA_TYPE', ...origin }]);
  });

  it("leaves the service's failures to the service's own audit, and counts them", async () => {
    serviceFailure.mockRejectedValue(
      new AppException(HttpStatus.UNAUTHORIZED, 'INVALID_LOGIN_CODE', 'used'),
    );

    const response = await post('/login', '{"code":"abc"}');

    expect(response.statusCode).toBe(401);
    expect(recorded).toEqual([]);
    expect(await registry.metrics()).toContain(
      'login_requests_total{outcome="INVALID_LOGIN_CODE"} 1',
    );
  });

  it('audits nothing on a route that is no login', async () => {
    const refused = await post('/profile', '{"code":');
    const invalid = await post('/profile', '{"role":"admin"}');

    expect([refused.statusCode, invalid.statusCode]).toEqual([400, 400]);
    expect(recorded).toEqual([]);
  });

  it('answers an unexpected failure with a bare 500 and an error id, hiding the cause', async () => {
    serviceFailure.mockRejectedValue(new Error('connection string mysql://root:hunter2@db'));

    const response = await post('/profile', '{"code":"abc"}');

    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: expect.stringMatching(/error id [0-9a-f-]{36}/),
    });
    expect(response.body).not.toContain('hunter2');
  });
});

describe(nativeErrorAnswer.name, () => {
  it('is the code of an AppException, a publics contract code included', () => {
    expect(
      nativeErrorAnswer(new AppException(HttpStatus.UNAUTHORIZED, 'INVALID_LOGIN_CODE', 'used')),
    ).toMatchObject({ status: 401, code: 'INVALID_LOGIN_CODE' });
  });

  it("is the code customer answers Nest's HTTP exceptions with", () => {
    expect(nativeErrorAnswer(new NotFoundException()).code).toBe(CustomerErrorCode.NOT_FOUND);
  });

  it('is DATABASE_UNAVAILABLE for a lost database connection, with an error id', () => {
    const lost = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('gone'), { code: 'ECONNREFUSED' }),
    );

    expect(nativeErrorAnswer(lost)).toMatchObject({
      status: 503,
      code: CustomerErrorCode.DATABASE_UNAVAILABLE,
      errorId: expect.any(String),
    });
  });

  it('is INTERNAL_ERROR for anything unexpected', () => {
    expect(nativeErrorAnswer(new TypeError('bug')).code).toBe(CustomerErrorCode.INTERNAL_ERROR);
  });
});
