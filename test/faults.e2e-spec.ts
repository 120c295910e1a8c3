import { createServer, Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { ManagedProcess } from '../tools/local-stack/managed-process';
import { expectError, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { TcpProxy } from './support/tcp-proxy';
import { describeOnMariaDb, MARIADB_URL } from './support/test-database';

/** mysql://root@127.0.0.1:3306/db → the same database through the proxy. */
function throughProxy(databaseUrl: string, proxy: TcpProxy): string {
  return databaseUrl.replace(/@[^/]+\//, `@127.0.0.1:${proxy.port}/`);
}

describeOnMariaDb('faults of publics, on MariaDB', () => {
  const sut = useLoginStack('mysql');

  it('answers 503 within a second while publics is down, and logs in again once it is back, without a restart', async () => {
    const { code: before } = await mintCode(sut.stack.sandboxUrl, { user: 'before' });
    expect((await sut.login({ code: before })).status).toBe(200);

    await sut.stack.publics.stop();
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'while-down' });
    const started = Date.now();
    const down = await sut.login({ code });
    const elapsed = Date.now() - started;

    expectError(down, 503, 'PUBLICS_UNAVAILABLE');
    expect(elapsed).toBeLessThan(1000);

    await sut.stack.publics.start();
    expect((await sut.login({ code })).status).toBe(200);
    expect((await sut.db.users()).map((row) => row.nickname)).toHaveLength(2);
  });
});

describeOnMariaDb('WeChat answering garbage', () => {
  let garbage: Server;
  const answers: [string, string][] = [
    ['<html><body>502 Bad Gateway</body></html>', '<html><body>502 Bad Gateway</body></html>'],
    ['not json at all', 'not json at all'],
    ['[1,2,3]', '[1,2,3]'],
    ['(empty)', ''],
    [
      'a session padded to 70 KiB',
      JSON.stringify({ openid: 'o-huge', session_key: 'k', padding: 'x'.repeat(70 * 1024) }),
    ],
  ];
  let next = 0;

  beforeAll(async () => {
    garbage = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(answers[next++ % answers.length][1]);
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(() => new Promise((resolve) => garbage.close(resolve)));

  const sut = useLoginStack('mysql', {
    publicsEnv: {
      get WECHAT_API_BASE() {
        const address = garbage.address();
        return `http://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`;
      },
    } as Record<string, string>,
  });

  it.each(answers.map(([name]) => [name]))(
    'answers 503 WECHAT_UNAVAILABLE for %s and stores nothing',
    async () => {
      expectError(await sut.login({ code: 'any-code' }), 503, 'WECHAT_UNAVAILABLE');
      expect(await sut.db.users()).toEqual([]);
    },
  );
});

describe('WeChat trickling its answer', () => {
  const WECHAT_TIMEOUT_MS = 1000;
  let trickler: Server;

  beforeAll(async () => {
    // Headers at once, then a space every 100 ms, never the end: never idle for WECHAT_TIMEOUT_MS.
    trickler = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => trickler.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(() => {
    trickler.closeAllConnections();
    return new Promise((resolve) => trickler.close(resolve));
  });

  const sut = useLoginStack('sqlite', {
    publicsEnv: {
      WECHAT_TIMEOUT_MS: String(WECHAT_TIMEOUT_MS),
      get WECHAT_API_BASE() {
        const address = trickler.address();
        return `http://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`;
      },
    } as Record<string, string>,
  });

  it('answers 503 WECHAT_UNAVAILABLE soon after WECHAT_TIMEOUT_MS and stores nothing', async () => {
    const started = Date.now();
    const response = await sut.login({ code: 'any-code' });
    const elapsed = Date.now() - started;

    expectError(response, 503, 'WECHAT_UNAVAILABLE');
    expect(elapsed).toBeGreaterThanOrEqual(WECHAT_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(WECHAT_TIMEOUT_MS + 1500);
    expect(await sut.db.users()).toEqual([]);
  });
});

describeOnMariaDb('faults of the database, on MariaDB through a proxy', () => {
  const sut = useLoginStack('mysql');
  let proxy: TcpProxy;
  let customer: { process: ManagedProcess; url: string };

  beforeAll(async () => {
    const mariadb = new URL(MARIADB_URL);
    proxy = await TcpProxy.start({ host: mariadb.hostname, port: Number(mariadb.port || 3306) });
  });
  afterAll(async () => {
    await customer?.process.stop();
    await proxy?.cut();
  });

  const login = async (user: string) => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user });
    return request(`${customer.url}/login`, { body: { code } });
  };

  it('retries with backoff while the database is unreachable at start, and serves once it is back', async () => {
    await proxy.cut();
    customer = await sut.stack.extraCustomer({
      WORKER_ID: '11',
      DATABASE_URL: throughProxy(sut.db.env.DATABASE_URL, proxy),
      DB_CONNECT_ATTEMPTS: '20',
    });

    const ready = customer.process.start();
    for (
      let waited = 0;
      !customer.process.output.includes('retrying in') && waited < 10_000;
      waited += 100
    ) {
      await sleep(100);
    }
    expect(customer.process.output).toMatch(
      /The database is unreachable .*retrying in \d+ ms \(attempt 1 of 20\)/,
    );
    await proxy.restore();
    await ready;

    expect((await login('after-start')).status).toBe(200);
  });

  it('answers 503 DATABASE_UNAVAILABLE while the database is lost, and recovers without a restart', async () => {
    const rowsBefore = await sut.db.users();
    await proxy.cut();

    const lost = await login('during-outage');

    expectError(lost, 503, 'DATABASE_UNAVAILABLE');
    await proxy.restore();
    let recovered = await login('after-outage');
    for (let i = 0; i < 20 && recovered.status !== 200; i += 1) {
      await sleep(250);
      recovered = await login(`after-outage-${i}`);
    }
    expect(recovered.status).toBe(200);
    const rows = await sut.db.users();
    expect(rows).toHaveLength(rowsBefore.length + 1);
    expect(rows.some((row) => row.nickname === null)).toBe(false);
  });
});
