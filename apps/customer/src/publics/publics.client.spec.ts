import { PUBLICS_CLIENT, PublicsPatterns } from '@app/contracts';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';

import { MetricsService } from '../metrics/metrics.service';
import { PublicsClient } from './publics.client';

describe(PublicsClient.name, () => {
  let sut: PublicsClient;
  const request = jest.fn();

  beforeEach(async () => {
    request.mockReset().mockResolvedValue({ openid: 'o1' });
    const moduleRef = await Test.createTestingModule({
      providers: [
        PublicsClient,
        MetricsService,
        { provide: Registry, useValue: new Registry() },
        { provide: PUBLICS_CLIENT, useValue: { request } },
        { provide: ConfigService, useValue: new ConfigService({ RPC_TIMEOUT_MS: 1000 }) },
      ],
    }).compile();
    sut = moduleRef.get(PublicsClient);
  });

  it('sends the request id along with the code', async () => {
    await expect(sut.code2session('c1', 'e2e-follow-1')).resolves.toEqual({ openid: 'o1' });

    expect(request).toHaveBeenCalledWith(
      PublicsPatterns.WECHAT_CODE2SESSION,
      { code: 'c1', requestId: 'e2e-follow-1' },
      1000,
    );
  });

  it('sends the code alone when there is no request id', async () => {
    await sut.code2session('c1');

    expect(request).toHaveBeenCalledWith(PublicsPatterns.WECHAT_CODE2SESSION, { code: 'c1' }, 1000);
  });

  it('leaves out a request id the contract would refuse instead of failing the login', async () => {
    await sut.code2session('c1', 'has spaces in it');

    expect(request).toHaveBeenCalledWith(PublicsPatterns.WECHAT_CODE2SESSION, { code: 'c1' }, 1000);
  });
});
