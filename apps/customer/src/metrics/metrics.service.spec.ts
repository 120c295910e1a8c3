import { PublicsPatterns } from '@app/contracts';
import { Registry } from 'prom-client';

import { MetricsService } from './metrics.service';

describe(MetricsService.name, () => {
  let registry: Registry;
  let sut: MetricsService;

  beforeEach(() => {
    registry = new Registry();
    sut = new MetricsService(registry);
  });

  it('counts each login under its outcome and times them all in one histogram', async () => {
    sut.startLogin()('success');
    sut.startLogin()('success');
    sut.startLogin()('INVALID_LOGIN_CODE');

    const text = await registry.metrics();
    expect(text).toContain('login_requests_total{outcome="success"} 2');
    expect(text).toContain('login_requests_total{outcome="INVALID_LOGIN_CODE"} 1');
    expect(text).toContain('login_duration_seconds_count 3');
  });

  it('times a call to publics under its pattern and outcome', async () => {
    const finished = sut.startPublicsCall(PublicsPatterns.WECHAT_CODE2SESSION);
    finished('PUBLICS_TIMEOUT');

    expect(await registry.metrics()).toContain(
      'publics_rpc_duration_seconds_count{pattern="wechat.code2session",outcome="PUBLICS_TIMEOUT"} 1',
    );
  });

  it('counts the users it is told were created', async () => {
    sut.userCreated();

    expect(await registry.metrics()).toContain('users_created_total 1');
  });
});
