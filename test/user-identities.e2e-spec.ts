import { sandboxOpenid, sandboxUnionid } from '../apps/wechat-sandbox/src/sandbox/identity';
import { expectError, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds, TestDatabase } from './support/test-database';

const APPID = 'wx-e2e-appid';
const OTHER_APPID = 'wx-other-app';

interface StoredIdentity {
  user_id: string;
  appid: string;
  openid: string;
  unionid: string | null;
}

const identities = (db: TestDatabase) =>
  db.select<StoredIdentity>(
    'SELECT user_id, appid, openid, unionid FROM common_user_identity ORDER BY appid, openid',
  );

/** A user as another mini-program (or an older release) left it. */
async function storeUser(
  db: TestDatabase,
  user: { id: string; openId: string | null; unionId: string | null },
  identity?: { appid: string; openid: string; unionid: string | null },
): Promise<void> {
  await db.execute(
    'INSERT INTO common_user (id, status, nickname, open_id, union_id, is_deleted, token_version) VALUES (?, 0, ?, ?, ?, 0, 0)',
    [user.id, `user-${user.id}`, user.openId, user.unionId],
  );
  if (identity) {
    await db.execute(
      'INSERT INTO common_user_identity (appid, openid, user_id, unionid) VALUES (?, ?, ?, ?)',
      [identity.appid, identity.openid, user.id, identity.unionid],
    );
  }
}

describe.each(e2eDatabaseKinds())('one person across mini-programs on %s', (kind) => {
  const sut = useLoginStack(kind, { customerEnv: { WECHAT_APPIDS: `${APPID},${OTHER_APPID}` } });

  const logIn = async (user: string, appid?: string) => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user });
    const response = await sut.login({ code, ...(appid && { appid }) });
    expect(response.status).toBe(200);
    return (response.body.user as { id: string }).id;
  };

  it('records a first login as a user and its identity under the first configured appid', async () => {
    const id = await logIn('ida');
    const openid = sandboxOpenid(APPID, 'ida');
    const unionid = sandboxUnionid('ida');

    expect(await sut.db.users()).toEqual([
      expect.objectContaining({ id, open_id: openid, union_id: unionid }),
    ]);
    expect(await identities(sut.db)).toEqual([{ user_id: id, appid: APPID, openid, unionid }]);
    expect(await logIn('ida', APPID)).toBe(id);
  });

  it('refuses an appid that is not configured, writing nothing', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'stranger' });

    expectError(await sut.login({ code, appid: 'wx-unknown' }), 400, 'UNKNOWN_APPID');
    expect(await sut.db.users()).toEqual([]);
    expect(await identities(sut.db)).toEqual([]);
  });

  it('joins a new openid to the user who already holds its unionid', async () => {
    const unionid = sandboxUnionid('alice');
    await storeUser(
      sut.db,
      { id: '1000', openId: 'o-alice-in-the-other-app', unionId: unionid },
      { appid: OTHER_APPID, openid: 'o-alice-in-the-other-app', unionid },
    );

    expect(await logIn('alice')).toBe('1000');

    expect(await sut.db.users()).toHaveLength(1);
    expect(await sut.db.users()).toEqual([
      expect.objectContaining({ id: '1000', open_id: 'o-alice-in-the-other-app' }),
    ]);
    expect(await identities(sut.db)).toEqual([
      { user_id: '1000', appid: APPID, openid: sandboxOpenid(APPID, 'alice'), unionid },
      { user_id: '1000', appid: OTHER_APPID, openid: 'o-alice-in-the-other-app', unionid },
    ]);
  });

  it('fills in a unionid that arrives later, on the identity and on the user', async () => {
    const openid = sandboxOpenid(APPID, 'bob');
    await storeUser(
      sut.db,
      { id: '2000', openId: openid, unionId: null },
      { appid: APPID, openid, unionid: null },
    );

    expect(await logIn('bob')).toBe('2000');

    const unionid = sandboxUnionid('bob');
    expect(await sut.db.users()).toEqual([
      expect.objectContaining({ id: '2000', union_id: unionid }),
    ]);
    expect(await identities(sut.db)).toEqual([{ user_id: '2000', appid: APPID, openid, unionid }]);
  });

  it('never merges two users: a unionid another user holds stays theirs', async () => {
    const openid = sandboxOpenid(APPID, 'carol');
    const unionid = sandboxUnionid('carol');
    await storeUser(
      sut.db,
      { id: '3000', openId: openid, unionId: null },
      { appid: APPID, openid, unionid: null },
    );
    await storeUser(
      sut.db,
      { id: '3001', openId: 'o-carol-elsewhere', unionId: unionid },
      { appid: OTHER_APPID, openid: 'o-carol-elsewhere', unionid },
    );
    const before = await sut.db.users();

    expect(await logIn('carol')).toBe('3000');

    expect(await sut.db.users()).toEqual(before);
    expect(await identities(sut.db)).toEqual([
      { user_id: '3000', appid: APPID, openid, unionid },
      { user_id: '3001', appid: OTHER_APPID, openid: 'o-carol-elsewhere', unionid },
    ]);
  });

  it('adopts a user from before identities by its open_id, creating no one', async () => {
    const openid = sandboxOpenid(APPID, 'dave');
    await storeUser(sut.db, { id: '4000', openId: openid, unionId: null });

    expect(await logIn('dave')).toBe('4000');

    expect(await sut.db.users()).toEqual([
      expect.objectContaining({
        id: '4000',
        nickname: 'user-4000',
        union_id: sandboxUnionid('dave'),
      }),
    ]);
    expect(await identities(sut.db)).toEqual([
      { user_id: '4000', appid: APPID, openid, unionid: sandboxUnionid('dave') },
    ]);
  });

  it('settles concurrent first logins of one person on one user and one identity', async () => {
    const codes = await Promise.all(
      Array.from({ length: 12 }, () => mintCode(sut.stack.sandboxUrl, { user: 'eve' })),
    );

    const responses = await Promise.all(codes.map(({ code }) => sut.login({ code })));

    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
    const ids = new Set(responses.map((response) => (response.body.user as { id: string }).id));
    expect(ids.size).toBe(1);
    expect(await sut.db.users()).toHaveLength(1);
    expect(await identities(sut.db)).toEqual([
      {
        user_id: [...ids][0],
        appid: APPID,
        openid: codes[0].openid,
        unionid: sandboxUnionid('eve'),
      },
    ]);
  });
});

describe.each(e2eDatabaseKinds())('one person logging in from two mini-programs on %s', (kind) => {
  const apps = JSON.stringify([{ appid: OTHER_APPID, secret: 'e2e-other-app-secret' }]);
  const sut = useLoginStack(kind, {
    env: { WECHAT_APPS: apps, WECHAT_SANDBOX_APPS: apps },
    customerEnv: { WECHAT_APPIDS: `${APPID},${OTHER_APPID}` },
  });

  const mintFor = async (user: string, appid: string) => {
    const { status, body } = await request<{ code: string; openid: string }>(
      `${sut.stack.sandboxUrl}/sandbox/codes`,
      { body: { user, appid } },
    );
    expect(status).toBe(201);
    return body;
  };

  it('ends concurrent first logins from both on one user with one identity per mini-program', async () => {
    const appids = Array.from({ length: 12 }, (_, index) =>
      index % 2 === 0 ? APPID : OTHER_APPID,
    );
    const codes = await Promise.all(appids.map((appid) => mintFor('twin', appid)));

    const responses = await Promise.all(
      codes.map(({ code }, index) => sut.login({ code, appid: appids[index] })),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
    const ids = new Set(responses.map((response) => (response.body.user as { id: string }).id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    const unionid = sandboxUnionid('twin');
    expect(await sut.db.users()).toEqual([expect.objectContaining({ id, union_id: unionid })]);
    expect(await identities(sut.db)).toEqual([
      { user_id: id, appid: APPID, openid: sandboxOpenid(APPID, 'twin'), unionid },
      { user_id: id, appid: OTHER_APPID, openid: sandboxOpenid(OTHER_APPID, 'twin'), unionid },
    ]);
  });
});
