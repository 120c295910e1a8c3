import { ConfigService } from '@nestjs/config';

import { SandboxClock } from '../sandbox-clock';
import { AccessTokenStore } from './access-token.store';

const T0 = 1_764_000_000_000;
const TTL_SECONDS = 7200;

describe(AccessTokenStore.name, () => {
  let now: number;
  let sut: AccessTokenStore;

  beforeEach(() => {
    now = T0;
    sut = new AccessTokenStore(
      new SandboxClock(() => now),
      new ConfigService({ WECHAT_SANDBOX_TOKEN_TTL_SECONDS: TTL_SECONDS }) as never,
    );
  });

  it('hands out the same token with the seconds it has left, then a new one after expiry', () => {
    const first = sut.issue('wx-a', false);
    now += 1000_000;
    const again = sut.issue('wx-a', false);
    now = T0 + TTL_SECONDS * 1000;
    const next = sut.issue('wx-a', false);

    expect(first.expiresInSeconds).toBe(TTL_SECONDS);
    expect(again).toEqual({ token: first.token, expiresInSeconds: TTL_SECONDS - 1000 });
    expect(next.token).not.toBe(first.token);
    expect(sut.check(first.token)).toEqual({ errcode: 42001 });
    expect(sut.check(next.token)).toEqual({ appid: 'wx-a' });
  });

  it('refuses a token replaced by force_refresh or revoked with 40001', () => {
    const first = sut.issue('wx-a', false).token;
    const forced = sut.issue('wx-a', true).token;

    expect(sut.check(first)).toEqual({ errcode: 40001 });
    expect(sut.revoke('wx-a')).toBe(true);
    expect(sut.check(forced)).toEqual({ errcode: 40001 });
    expect(sut.revoke('wx-a')).toBe(false);
    expect(sut.issue('wx-a', false).token).not.toBe(forced);
  });

  it.each([
    [undefined, 41001],
    ['', 41001],
    ['has spaces in it, not a token', 40014],
    ['A'.repeat(128), 40001],
  ])('answers %p with %i', (token, errcode) => {
    expect(sut.check(token)).toEqual({ errcode });
  });

  it('keeps one token per app and counts requests per app', () => {
    sut.countRequest('wx-a');
    sut.countRequest('wx-a');

    expect(sut.issue('wx-a', false).token).not.toBe(sut.issue('wx-b', false).token);
    expect([sut.requestCount('wx-a'), sut.requestCount('wx-b')]).toEqual([2, 0]);
  });
});
