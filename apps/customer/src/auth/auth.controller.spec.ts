import { carryRequestIds } from '@app/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';

import { AuditTrail } from '../audit/audit-trail.service';
import { RefusedLogins } from '../audit/refused-logins';
import { HttpExceptionFilter } from '../errors/http-exception.filter';
import { createHttpValidationPipe } from '../errors/http-validation.pipe';
import { MetricsService } from '../metrics/metrics.service';
import { AccessTokenGuard } from './access-token.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler';

describe(AuthController.name, () => {
  let app: NestFastifyApplication;
  const login = jest.fn();
  const registry = new Registry();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [AuthController],
      providers: [
        { provide: AuthService, useValue: { login } },
        MetricsService,
        { provide: AuditTrail, useValue: { record: jest.fn() } },
        RefusedLogins,
        { provide: Registry, useValue: registry },
      ],
    })
      .overrideGuard(LoginThrottlerGuard)
      .useValue({ canActivate: () => true })
      .overrideGuard(AccessTokenGuard)
      .useValue({ canActivate: () => true })
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    app.useGlobalPipes(createHttpValidationPipe());
    app.useGlobalFilters(new HttpExceptionFilter(app.get(RefusedLogins)));
    carryRequestIds(app.getHttpAdapter().getInstance());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app?.close());
  beforeEach(() => {
    login.mockReset();
    registry.resetMetrics();
  });

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/login',
      payload: payload as Record<string, unknown>,
      headers,
    });

  it('passes a valid body to the service, trimmed, and answers 200', async () => {
    login.mockResolvedValue({ token: 't', user: { id: '1', nickname: 'n', avatar: null } });

    const response = await post({
      code: 'abc',
      nickname: '  小明  ',
      avatar: 'https://a.example/x.png',
    });

    expect(response.statusCode).toBe(200);
    expect(login).toHaveBeenCalledWith(
      { code: 'abc', nickname: '小明', avatar: 'https://a.example/x.png' },
      expect.objectContaining({ requestId: expect.any(String) }),
    );
  });

  it("passes the request's id, client IP and user agent to the service, for publics' log and the audit trail", async () => {
    login.mockResolvedValue({ token: 't', user: { id: '1', nickname: 'n', avatar: null } });

    const response = await post(
      { code: 'abc' },
      { 'x-request-id': 'req-42', 'user-agent': 'mp/1' },
    );

    expect(login).toHaveBeenCalledWith(
      { code: 'abc' },
      { requestId: 'req-42', clientIp: '127.0.0.1', userAgent: 'mp/1' },
    );
    expect(response.headers['x-request-id']).toBe('req-42');
  });

  it.each([
    [{}, 'code'],
    [{ code: 1 }, 'code'],
    [{ code: 'abc', role: 'admin' }, 'role'],
    [{ code: 'abc', avatar: 'javascript:alert(1)' }, 'avatar'],
    [{ code: 'abc', nickname: '   ' }, 'nickname'],
    [{ code: 'abc', nickname: 'line\nbreak' }, 'nickname'],
    // 34 code points, which validator.js (class-validator's Length) counts as 17.
    [{ code: 'abc', nickname: '\u2764\uFE0F'.repeat(17) }, 'nickname'],
    [{ code: 'abc', appid: 'wx bad' }, 'appid'],
    [{ code: 'abc', appid: 'x'.repeat(65) }, 'appid'],
  ])(
    'refuses %j with 400 VALIDATION_FAILED naming %s, without calling the service',
    async (payload, field) => {
      const response = await post(payload);

      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining(field),
      });
      expect(login).not.toHaveBeenCalled();
    },
  );

  it('answers an unexpected failure with a bare 500 and an error id, hiding the cause', async () => {
    login.mockRejectedValue(new Error('connection string mysql://root:hunter2@db'));

    const response = await post({ code: 'abc' });

    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: expect.stringMatching(/error id [0-9a-f-]{36}/),
    });
    expect(response.body).not.toContain('hunter2');
  });

  it('counts each login under the code it was answered with, validation failures included', async () => {
    login.mockResolvedValueOnce({ token: 't', user: { id: '1', nickname: 'n', avatar: null } });
    login.mockRejectedValueOnce(new Error('bug'));

    await post({ code: 'abc' });
    await post({ code: 'abc' });
    await post({ code: 1 });

    const metrics = await registry.metrics();
    expect(metrics).toContain('login_requests_total{outcome="success"} 1');
    expect(metrics).toContain('login_requests_total{outcome="INTERNAL_ERROR"} 1');
    expect(metrics).toContain('login_requests_total{outcome="VALIDATION_FAILED"} 1');
    expect(metrics).toContain('login_duration_seconds_count 3');
  });
});
