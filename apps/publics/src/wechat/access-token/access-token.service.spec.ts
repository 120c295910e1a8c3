import { PublicsErrorCode } from '@app/contracts';
import { ConfigService } from '@nestjs/config';

import { Registry } from 'prom-client';

import { PublicsException } from '../../errors/publics.exception';
import { MetricsService } from '../../metrics/metrics.service';
import { WechatApp } from '../apps/wechat-apps';
import { WechatAnswer, WechatClient, WechatStableTokenResponse } from '../wechat.client';
import { WechatCaller } from '../wechat-call';
import { AccessTokenService } from './access-token.service';
import { CachedToken, cachedToken } from './cached-token';
import { SharedTokenStore } from './shared-token.store';

const APP: WechatApp = { appid: 'wx-unit', secret: 's' };
const T0 = 1_764_000_000_000;

/** A SharedTokenStore over a Map, as Redis would hold it, or one whose every call fails. */
class FakeSharedStore {
  enabled = true;
  down = false;
  readonly tokens = new Map<string, CachedToken>();
  readonly locks = new Map<string, string>();
  private nextOwner = 0;

  private check(): void {
    if (this.down) throw new Error('Connection is closed.');
  }

  async read(appid: string) {
    this.check();
    return this.tokens.get(appid);
  }

  async write(appid: string, entry: CachedToken) {
    this.check();
    this.tokens.set(appid, entry);
  }

  async expireIfSame(appid: string, token: string) {
    this.check();
    if (this.tokens.get(appid)?.token !== token) return false;
    return this.tokens.delete(appid);
  }

  async tryLock(appid: string) {
    this.check();
    if (this.locks.has(appid)) return undefined;
    const owner = String(++this.nextOwner);
    this.locks.set(appid, owner);
    return owner;
  }

  async unlock(appid: string, owner: string) {
    if (this.locks.get(appid) === owner) this.locks.delete(appid);
  }
}

describe(AccessTokenService.name, () => {
  let now: number;
  let stableToken: jest.Mock<Promise<WechatStableTokenResponse>, [WechatApp]>;
  let shared: FakeSharedStore;
  let issued: number;

  function service(): AccessTokenService {
    return new AccessTokenService(
      { stableToken } as unknown as WechatClient,
      new WechatCaller(new MetricsService(new Registry())),
      shared as unknown as SharedTokenStore,
      new ConfigService({ WECHAT_TIMEOUT_MS: 100, WECHAT_RETRY_DELAY_MS: 1 }) as never,
    );
  }

  beforeEach(() => {
    now = T0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    issued = 0;
    stableToken = jest.fn(async (_app: WechatApp): Promise<WechatStableTokenResponse> => ({
      access_token: `token-${++issued}`,
      expires_in: 7200,
    }));
    shared = new FakeSharedStore();
  });
  afterEach(() => jest.restoreAllMocks());

  it('makes one request for any number of concurrent callers, and serves the rest from memory', async () => {
    const sut = service();

    const tokens = await Promise.all(Array.from({ length: 50 }, () => sut.get(APP)));
    await sut.get(APP);

    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['token-1']));
    expect(stableToken).toHaveBeenCalledTimes(1);
    expect(shared.tokens.get(APP.appid)?.token).toBe('token-1');
    expect(shared.locks.size).toBe(0);
  });

  it('takes the token another instance stored instead of asking WeChat', async () => {
    shared.tokens.set(APP.appid, cachedToken('from-b', 7200, T0));

    await expect(service().get(APP)).resolves.toMatchObject({ token: 'from-b' });
    expect(stableToken).not.toHaveBeenCalled();
  });

  it('waits for the instance holding the lock and takes its token', async () => {
    shared.locks.set(APP.appid, 'other-instance');
    const pending = service().get(APP);
    setTimeout(() => {
      shared.tokens.set(APP.appid, cachedToken('from-holder', 7200, T0));
      shared.locks.delete(APP.appid);
    }, 60);

    await expect(pending).resolves.toMatchObject({ token: 'from-holder' });
    expect(stableToken).not.toHaveBeenCalled();
  });

  it('refreshes five minutes ahead of expiry', async () => {
    const sut = service();
    await sut.get(APP);
    now = T0 + 7200_000 - 5 * 60_000;
    shared.tokens.clear();

    await expect(sut.get(APP)).resolves.toMatchObject({ token: 'token-2' });
    expect(stableToken).toHaveBeenCalledTimes(2);
  });

  it('keeps serving a token WeChat still accepts when the refresh fails', async () => {
    const sut = service();
    await sut.get(APP);
    now = T0 + 7000_000;
    shared.tokens.clear();
    stableToken.mockResolvedValueOnce({ errcode: 45009, errmsg: 'quota' });

    await expect(sut.get(APP)).resolves.toMatchObject({ token: 'token-1' });
  });

  it('fails with the mapped error when there is no token to fall back on', async () => {
    stableToken.mockResolvedValue({ errcode: 40125, errmsg: 'invalid appsecret' });

    const error = await service()
      .get(APP)
      .catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(PublicsException);
    expect((error as PublicsException).code).toBe(PublicsErrorCode.WECHAT_MISCONFIGURED);
  });

  it('retries a -1 once', async () => {
    stableToken.mockResolvedValueOnce({ errcode: -1, errmsg: 'busy' });

    await expect(service().get(APP)).resolves.toMatchObject({ token: 'token-1' });
    expect(stableToken).toHaveBeenCalledTimes(2);
  });

  it('falls back to memory, still one request at a time, when Redis is down', async () => {
    shared.down = true;
    const sut = service();

    const tokens = await Promise.all(Array.from({ length: 20 }, () => sut.get(APP)));

    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(stableToken).toHaveBeenCalledTimes(1);
  });

  describe('withToken', () => {
    it('expires a refused token, fetches the current one and calls once more', async () => {
      const sut = service();
      const call = jest.fn(async (token: string): Promise<WechatAnswer> =>
        token === 'token-1' ? { errcode: 40001, errmsg: 'invalid credential' } : { errcode: 0 },
      );

      await expect(sut.withToken(APP, call)).resolves.toEqual({ errcode: 0 });
      expect(call.mock.calls).toEqual([['token-1'], ['token-2']]);
      expect(shared.tokens.get(APP.appid)?.token).toBe('token-2');
    });

    it('calls only twice when the fresh token is refused too, answering the refusal', async () => {
      const call = jest.fn(async (): Promise<WechatAnswer> => ({ errcode: 42001 }));

      await expect(service().withToken(APP, call)).resolves.toEqual({ errcode: 42001 });
      expect(call).toHaveBeenCalledTimes(2);
    });

    it('does not drop a token another caller already replaced (compare-and-expire)', async () => {
      const sut = service();
      await sut.get(APP);
      shared.tokens.set(APP.appid, cachedToken('token-newer', 7200, T0));

      await sut.expire(APP, 'token-0-stale');

      expect(shared.tokens.get(APP.appid)?.token).toBe('token-newer');
      await expect(sut.get(APP)).resolves.toMatchObject({ token: 'token-1' });
    });

    it('leaves other errcodes to the caller without a retry', async () => {
      const call = jest.fn(async (): Promise<WechatAnswer> => ({ errcode: 45011 }));

      await expect(service().withToken(APP, call)).resolves.toEqual({ errcode: 45011 });
      expect(call).toHaveBeenCalledTimes(1);
      expect(stableToken).toHaveBeenCalledTimes(1);
    });
  });
});
