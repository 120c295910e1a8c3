import { cachedToken, isFresh, isUsable, parseCachedToken, REFRESH_AHEAD_MS } from './cached-token';

const T0 = 1_764_000_000_000;

describe(cachedToken.name, () => {
  it('refreshes a full-life token five minutes before it expires', () => {
    const sut = cachedToken('t', 7200, T0);

    expect(sut).toEqual({
      token: 't',
      expiresAt: T0 + 7200_000,
      refreshAt: T0 + 7200_000 - REFRESH_AHEAD_MS,
    });
  });

  it('refreshes a token answered late in its life half-way through what is left, not on every call', () => {
    const sut = cachedToken('t', 200, T0);

    expect(sut.refreshAt).toBe(T0 + 100_000);
    expect(isFresh(sut, T0 + 99_999)).toBe(true);
    expect(isFresh(sut, T0 + 100_000)).toBe(false);
    expect(isUsable(sut, T0 + 199_999)).toBe(true);
    expect(isUsable(sut, T0 + 200_000)).toBe(false);
  });
});

describe(parseCachedToken.name, () => {
  it('reads what another instance stored', () => {
    const entry = cachedToken('t', 7200, T0);

    expect(parseCachedToken(JSON.stringify(entry))).toEqual(entry);
  });

  it.each([
    null,
    'not json',
    '{"token":""}',
    '{"token":"t","expiresAt":"soon","refreshAt":1}',
    '[]',
  ])('treats %p as absent', (raw) => {
    expect(parseCachedToken(raw)).toBeUndefined();
  });
});
