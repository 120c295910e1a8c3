import { HealthIndicatorService } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { TimeoutError } from 'rxjs';

import { PublicsClient } from '../publics/publics.client';
import { PublicsHealthIndicator } from './publics.health';

describe(PublicsHealthIndicator.name, () => {
  let sut: PublicsHealthIndicator;
  const ping = jest.fn<Promise<unknown>, [number]>();

  beforeEach(async () => {
    ping.mockReset();
    const moduleRef = await Test.createTestingModule({
      providers: [
        PublicsHealthIndicator,
        HealthIndicatorService,
        { provide: PublicsClient, useValue: { ping } },
      ],
    }).compile();
    sut = moduleRef.get(PublicsHealthIndicator);
  });

  it('is up when publics answers the ping in time', async () => {
    ping.mockResolvedValue({ status: 'ok' });

    await expect(sut.pingCheck('publics', 1000)).resolves.toEqual({
      publics: { status: 'up' },
    });
    expect(ping).toHaveBeenCalledWith(1000);
  });

  it('is down, saying so, when publics does not answer in time', async () => {
    ping.mockRejectedValue(new TimeoutError());

    await expect(sut.pingCheck('publics', 1000)).resolves.toEqual({
      publics: { status: 'down', message: 'publics did not answer within 1000 ms' },
    });
  });

  it("is down when publics is unreachable, without the transport's address in the answer", async () => {
    ping.mockRejectedValue(new Error('connect ECONNREFUSED 10.0.0.7:4000'));

    const result = await sut.pingCheck('publics', 1000);

    expect(result).toEqual({ publics: { status: 'down', message: 'publics is unreachable' } });
  });
});
