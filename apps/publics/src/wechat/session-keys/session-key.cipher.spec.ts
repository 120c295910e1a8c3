import { SessionKeyCipher } from './session-key.cipher';

const SECRET = 'unit-session-key-secret-of-32-characters!';
const SESSION_KEY = 'tiihtNczf5v6AKRyjwEUhQ==';

describe(SessionKeyCipher.name, () => {
  const sut = new SessionKeyCipher(SECRET);

  it('opens what it sealed for the same app and user', () => {
    const sealed = sut.seal(SESSION_KEY, 'wx-a', 'o-1');

    expect(sut.open(sealed, 'wx-a', 'o-1')).toBe(SESSION_KEY);
  });

  it('never stores the session_key in clear and seals it differently each time', () => {
    const first = sut.seal(SESSION_KEY, 'wx-a', 'o-1');
    const second = sut.seal(SESSION_KEY, 'wx-a', 'o-1');

    expect(first).not.toBe(second);
    expect(Buffer.from(first, 'base64').toString('latin1')).not.toContain(SESSION_KEY);
    expect(first).not.toContain(SESSION_KEY);
  });

  it.each([
    ['another user', 'wx-a', 'o-2'],
    ['another app', 'wx-b', 'o-1'],
  ])('refuses to open a value moved to %s', (_case, appid, openid) => {
    const sealed = sut.seal(SESSION_KEY, 'wx-a', 'o-1');

    expect(sut.open(sealed, appid, openid)).toBeUndefined();
  });

  it('refuses a value sealed under another secret, an altered one and garbage', () => {
    const sealed = sut.seal(SESSION_KEY, 'wx-a', 'o-1');
    const altered = Buffer.from(sealed, 'base64');
    altered[altered.length - 1] ^= 1;

    expect(new SessionKeyCipher(`${SECRET}-rotated`).open(sealed, 'wx-a', 'o-1')).toBeUndefined();
    expect(sut.open(altered.toString('base64'), 'wx-a', 'o-1')).toBeUndefined();
    expect(sut.open('bm90IHNlYWxlZA==', 'wx-a', 'o-1')).toBeUndefined();
  });

  it('never gives two seals the same IV, across refills of its random pool', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 1500; i += 1) {
      const sealed = Buffer.from(sut.seal(SESSION_KEY, 'wx-a', 'o-1'), 'base64');
      ivs.add(sealed.subarray(0, 12).toString('hex'));
      expect(sut.open(sealed.toString('base64'), 'wx-a', 'o-1')).toBe(SESSION_KEY);
    }

    expect(ivs.size).toBe(1500);
  });
});
