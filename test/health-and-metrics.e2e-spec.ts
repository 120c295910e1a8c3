import { mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { sampleSum } from './support/prometheus';
import { e2eDatabaseKinds } from './support/test-database';

async function metrics(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

describe.each(e2eDatabaseKinds())('health and metrics on %s', (kind) => {
  const sut = useLoginStack(kind);

  it('answers customer /health/live with 200', async () => {
    const response = await request(`${sut.stack.customerUrl}/health/live`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok' });
  });

  it('answers customer /health/ready with 200 when the database and publics answer', async () => {
    const response = await request(`${sut.stack.customerUrl}/health/ready`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, publics: { status: 'up' } },
      error: {},
    });
  });

  it("serves publics' liveness, readiness and process metrics on its HTTP port", async () => {
    const live = await request(`${sut.stack.publicsHealthUrl}/health/live`);
    const ready = await request(`${sut.stack.publicsHealthUrl}/health/ready`);
    const text = await metrics(sut.stack.publicsHealthUrl);

    expect(live.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { rpc: { status: 'up' } } });
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  });

  it('counts a successful and a refused login in customer, and the WeChat errcode in publics', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'metrics-user' });

    expect((await sut.login({ code })).status).toBe(200);
    expect((await sut.login({ code })).status).toBe(401);

    const customer = await metrics(sut.stack.customerUrl);
    expect(sampleSum(customer, 'login_requests_total', { outcome: 'success' })).toBe(1);
    expect(sampleSum(customer, 'login_requests_total', { outcome: 'INVALID_LOGIN_CODE' })).toBe(1);
    expect(sampleSum(customer, 'login_requests_total')).toBe(2);
    expect(sampleSum(customer, 'login_duration_seconds_count')).toBe(2);
    expect(sampleSum(customer, 'users_created_total')).toBe(1);
    expect(
      sampleSum(customer, 'publics_rpc_duration_seconds_count', {
        pattern: 'wechat.code2session',
      }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sampleSum(customer, 'publics_rpc_duration_seconds_count', {
        pattern: 'wechat.code2session',
        outcome: 'INVALID_LOGIN_CODE',
      }),
    ).toBe(1);
    expect(customer).toMatch(/^process_cpu_user_seconds_total \d/m);

    const publics = await metrics(sut.stack.publicsHealthUrl);
    expect(sampleSum(publics, 'wechat_errcodes_total', { errcode: '40163' })).toBe(1);
    expect(sampleSum(publics, 'wechat_code2session_total', { outcome: 'success' })).toBe(1);
    expect(sampleSum(publics, 'wechat_code2session_total', { outcome: 'INVALID_LOGIN_CODE' })).toBe(
      1,
    );
    expect(sampleSum(publics, 'wechat_api_duration_seconds_count')).toBe(2);
  });

  // Last: it stops publics.
  it('answers customer /health/ready with 503 naming publics while publics is down, and stays live', async () => {
    await sut.stack.publics.stop();

    const ready = await request(`${sut.stack.customerUrl}/health/ready`);
    const live = await request(`${sut.stack.customerUrl}/health/live`);

    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { publics: { status: 'down', message: expect.any(String) } },
    });
    expect(live.status).toBe(200);
  });
});
