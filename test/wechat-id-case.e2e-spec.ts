import { mintCode } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { e2eDatabaseKinds } from './support/test-database';

const OTHER_USER_ID = '9007199254740993';

/** The openid with the case of every letter swapped: a different WeChat user. */
function swapCase(value: string): string {
  return [...value]
    .map((char) => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase()))
    .join('');
}

/** WeChat openids are case-sensitive: ids that differ by case or a trailing space are other users. */
describe.each(e2eDatabaseKinds())('openids that differ only by case or spaces, on %s', (kind) => {
  const sut = useLoginStack(kind);

  it.each([
    ['in the case of its letters', swapCase],
    ['by a trailing space', (openid: string) => `${openid} `],
  ])(
    'gives a WeChat user their own row when a stored openid differs from theirs %s',
    async (_difference, variant) => {
      const { code, openid } = await mintCode(sut.stack.sandboxUrl, { user: 'case-sensitive' });
      const storedOpenid = variant(openid);
      expect(storedOpenid).not.toBe(openid);
      await sut.db.execute(
        "INSERT INTO common_user (id, status, nickname, open_id, is_deleted) VALUES (?, 0, 'someone else', ?, 0)",
        [OTHER_USER_ID, storedOpenid],
      );

      const response = await sut.login({ code });

      expect(response.status).toBe(200);
      const user = response.body.user as { id: string; nickname: string };
      expect(user.id).not.toBe(OTHER_USER_ID);
      const rows = await sut.db.users();
      expect(rows.map((row) => [row.id, row.open_id])).toEqual(
        [
          [OTHER_USER_ID, storedOpenid],
          [user.id, openid],
        ].sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : 1)),
      );
    },
  );
});
