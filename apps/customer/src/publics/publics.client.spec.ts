import { PUBLICS_CLIENT, PublicsPatterns } from '@app/contracts';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';
import { of } from 'rxjs';

import { MetricsService } from '../metrics/metrics.service';
import { PublicsClient } from './publics.client';

describe(PublicsClient.name, () => {
  let sut: PublicsClient;
  const send = jest.fn();

  beforeEach(async () => {
    send.mockReset().mockReturnValue(of({ openid: 'o1' }));
    const moduleRef = await Test.createTestingModule({
      providers: [
        PublicsClient,
        MetricsService,
        { provide: Registry, useValue: new Registry() },
        { provide: PUBLICS_CLIENT, useValue: { send } },
        { provide: ConfigService, useValue: new ConfigService({ RPC_TIMEOUT_MS: 1000 }) },
      ],
    }).compile();
    sut = moduleRef.get(PublicsClient);
  });

  it('sends the request id along with the code', async () => {
    await expect(sut.code2session('c1', 'e2e-follow-1')).resolves.toEqual({ openid: 'o1' });

    expect(send).toHaveBeenCalledWith(PublicsPatterns.WECHAT_CODE2SESSION, {
      code: 'c1',
      requestId: 'e2e-follow-1',
    });
  });

  it('sends the code alone when there is no request id', async () => {
    await sut.code2session('c1');

    expect(send).toHaveBeenCalledWith(PublicsPatterns.WECHAT_CODE2SESSION, { code: 'c1' });
  });

  it('leaves out a request id the contract would refuse instead of failing the login', async () => {
    await sut.code2session('c1', 'has spaces in it');

    expect(send).toHaveBeenCalledWith(PublicsPatterns.WECHAT_CODE2SESSION, { code: 'c1' });
  });
});
