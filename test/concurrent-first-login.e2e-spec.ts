import { ManagedProcess } from '../tools/local-stack/managed-process';
import { decodeJwtPayload, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { describeOnMariaDb } from './support/test-database';

/** customer runs as several instances: the race of one user's first logins is settled by the database. */
describeOnMariaDb('concurrent first logins of one WeChat user on MariaDB', () => {
  const sut = useLoginStack('mysql', { customerEnv: { WORKER_ID: '1' } });
  let second: { process: ManagedProcess; url: string };

  beforeAll(async () => {
    second = await sut.stack.extraCustomer({ WORKER_ID: '2' });
    await second.process.start();
  });
  afterAll(() => second?.process.stop());

  it('ends with one row and 100 tokens for the same id across two instances', async () => {
    const codes = await Promise.all(
      Array.from({ length: 100 }, () => mintCode(sut.stack.sandboxUrl, { user: 'popular' })),
    );

    const responses = await Promise.all(
      codes.map(({ code }, index) =>
        request(`${index % 2 === 0 ? sut.stack.customerUrl : second.url}/login`, {
          body: { code },
        }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200));
    const subs = new Set(
      responses.map((response) => decodeJwtPayload(response.body.token as string).sub),
    );
    expect(subs.size).toBe(1);
    const rows = await sut.db.users();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: [...subs][0], open_id: codes[0].openid });
    expect(await sut.db.select('SELECT user_id, appid, openid FROM common_user_identity')).toEqual([
      { user_id: [...subs][0], appid: 'wx-e2e-appid', openid: codes[0].openid },
    ]);
  });

  it('stores create_time in UTC', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'utc' });
    expect((await request(`${sut.stack.customerUrl}/login`, { body: { code } })).status).toBe(200);

    const [row] = (await sut.db.query(
      'SELECT ABS(TIMESTAMPDIFF(SECOND, create_time, UTC_TIMESTAMP())) AS skew FROM common_user',
    )) as { skew: number | string }[];

    expect(Number(row.skew)).toBeLessThan(60);
  });
});
