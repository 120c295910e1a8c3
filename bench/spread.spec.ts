import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

import { addSpreads, connectionsPerUrl, shares, SpreadMeter } from './spread';

describe(connectionsPerUrl.name, () => {
  it('splits the connections as autocannon assigns them (connection i to URL i mod n)', () => {
    expect(connectionsPerUrl(32, 2)).toEqual([16, 16]);
    expect(connectionsPerUrl(33, 2)).toEqual([17, 16]);
    expect(connectionsPerUrl(32, 1)).toEqual([32]);
    const assigned = [0, 0, 0];
    for (let i = 0; i < 10; i += 1) assigned[i % 3] += 1;
    expect(connectionsPerUrl(10, 3)).toEqual(assigned);
  });
});

describe(shares.name, () => {
  it("gives each count's share of the total, 0 when there is none", () => {
    expect(shares([300, 100])).toEqual([0.75, 0.25]);
    expect(shares([0, 0])).toEqual([0, 0]);
  });
});

describe(addSpreads.name, () => {
  it("adds the rounds' counts instance by instance", () => {
    expect(
      addSpreads([
        { customers: [10, 12], publics: [11, 11] },
        { customers: [5, 3], publics: [2, 6] },
      ]),
    ).toEqual({ customers: [15, 15], publics: [13, 17] });
    expect(addSpreads([])).toBeUndefined();
  });
});

describe(SpreadMeter.name, () => {
  const counters = new Map<number, string>();
  let server: Server;
  let base: string;

  beforeAll(async () => {
    // /c/<i>/metrics and /p/<i>/metrics stand for the customers' and publics' metrics.
    server = createServer((request, response) => {
      const index = Number(request.url?.split('/')[2]);
      response.end(counters.get(index) ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const metrics = (login: [number, number], exchanges: [number, number]) => {
    counters.set(
      0,
      `login_requests_total{outcome="success"} ${login[0]}\nlogin_requests_total{outcome="INVALID_LOGIN_CODE"} ${login[1]}\n`,
    );
    counters.set(1, `login_requests_total{outcome="success"} ${login[1]}\n`);
    counters.set(2, `wechat_code2session_total{outcome="success"} ${exchanges[0]}\n`);
    counters.set(3, `wechat_code2session_total{outcome="success"} ${exchanges[1]}\n`);
  };

  it('counts the logins each instance served between start and read, every outcome', async () => {
    metrics([100, 4], [50, 58]);
    const sut = await SpreadMeter.start({
      customers: [`${base}/c/0`, `${base}/c/1`],
      publics: [`${base}/p/2`, `${base}/p/3`],
    });
    metrics([130, 6], [80, 90]);

    // customer-0 counts its own success and INVALID_LOGIN_CODE samples: 136 - 104.
    expect(await sut.read()).toEqual({ customers: [32, 2], publics: [30, 32] });
  });
});
