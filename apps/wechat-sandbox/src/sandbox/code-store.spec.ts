import {
  CODE_PURGE_INTERVAL_MS,
  CODE_TTL_MS,
  CodeStore,
  ERRCODE_CODE_USED,
  ERRCODE_INVALID_CODE,
  MintOptions,
} from './code-store';
import { SandboxClock } from './sandbox-clock';

const T0 = 1_764_000_000_000;
const APPID = 'wx-store';

describe(CodeStore.name, () => {
  let now: number;
  let clock: SandboxClock;
  let sut: CodeStore;

  beforeEach(() => {
    now = T0;
    clock = new SandboxClock(() => now);
    sut = new CodeStore(clock);
  });

  const mint = (extra: Partial<MintOptions> = {}) =>
    sut.mint({ appid: APPID, openid: 'o-alice', unionid: 'u-alice', ...extra });

  it("answers 40029 to another app's exchange of a code, and leaves the code usable", () => {
    const code = mint();

    expect(sut.exchange(code, 'wx-other')).toMatchObject({ errcode: ERRCODE_INVALID_CODE });
    expect(sut.exchange(code, APPID).outcome).toBe('session');
  });

  describe('single use', () => {
    it('answers the session once, then 40163 code been used', () => {
      const code = mint();

      expect(sut.exchange(code, APPID)).toEqual({
        outcome: 'session',
        openid: 'o-alice',
        unionid: 'u-alice',
        delayMs: 0,
      });
      expect(sut.exchange(code, APPID)).toEqual({
        outcome: 'error',
        errcode: ERRCODE_CODE_USED,
        delayMs: 0,
      });
      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: ERRCODE_CODE_USED });
    });

    it('answers 40029 for a code it never issued', () => {
      expect(sut.exchange('never-issued', APPID)).toEqual({
        outcome: 'error',
        errcode: ERRCODE_INVALID_CODE,
        delayMs: 0,
      });
    });

    it('keeps codes apart: using one leaves the others fresh', () => {
      const first = mint();
      const second = mint();

      sut.exchange(first, APPID);

      expect(sut.exchange(second, APPID).outcome).toBe('session');
    });

    it('issues distinct codes of 32 url-safe characters', () => {
      const codes = new Set(Array.from({ length: 1000 }, () => mint()));

      expect(codes.size).toBe(1000);
      for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    });
  });

  describe('expiry', () => {
    it('still answers a code one millisecond before it is five minutes old', () => {
      const code = mint();
      now += CODE_TTL_MS - 1;

      expect(sut.exchange(code, APPID).outcome).toBe('session');
    });

    it('answers 40029 once a code is five minutes old', () => {
      const code = mint();
      now += CODE_TTL_MS;

      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: ERRCODE_INVALID_CODE });
    });

    it('answers 40029, not 40163, for a used code once it has expired', () => {
      const code = mint();
      sut.exchange(code, APPID);
      now += CODE_TTL_MS;

      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: ERRCODE_INVALID_CODE });
    });

    it('expires codes when the sandbox clock is advanced', () => {
      const code = mint();

      clock.advance(CODE_TTL_MS);

      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: ERRCODE_INVALID_CODE });
    });
  });

  describe('injected errors', () => {
    it('answers the errcode on every exchange when no failure count is given', () => {
      const code = mint({ errcode: 45011 });

      for (let i = 0; i < 5; i += 1) {
        expect(sut.exchange(code, APPID)).toEqual({ outcome: 'error', errcode: 45011, delayMs: 0 });
      }
    });

    it('answers the errcode for the first failures only, then 40163 as the code is used up', () => {
      const code = mint({ errcode: 40226, failures: 2 });

      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: 40226 });
      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: 40226 });
      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: ERRCODE_CODE_USED });
    });

    it('does not use the code up on -1, so the exchange after the failures succeeds', () => {
      const code = mint({ errcode: -1, failures: 2 });

      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: -1 });
      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: -1 });
      expect(sut.exchange(code, APPID)).toMatchObject({ outcome: 'session', openid: 'o-alice' });
      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: ERRCODE_CODE_USED });
    });

    it('answers 40029 rather than the injected errcode once the code has expired', () => {
      const code = mint({ errcode: 45011 });
      now += CODE_TTL_MS;

      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: ERRCODE_INVALID_CODE });
    });
  });

  describe('delay', () => {
    it('carries the delay of the code on every answer about it', () => {
      const code = mint({ delayMs: 250 });

      expect(sut.exchange(code, APPID)).toMatchObject({ outcome: 'session', delayMs: 250 });
      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: ERRCODE_CODE_USED, delayMs: 250 });
      now += CODE_TTL_MS;
      expect(sut.exchange(code, APPID)).toMatchObject({
        errcode: ERRCODE_INVALID_CODE,
        delayMs: 250,
      });
    });

    it('carries the delay on injected errors', () => {
      const code = mint({ errcode: -1, failures: 1, delayMs: 100 });

      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: -1, delayMs: 100 });
    });
  });

  describe('purge', () => {
    it('drops expired codes, used or not, and keeps the fresh ones', () => {
      const used = mint();
      sut.exchange(used, APPID);
      mint();
      now += CODE_TTL_MS;
      const fresh = mint();

      sut.purge();

      expect(sut.size).toBe(1);
      expect(sut.exchange(fresh, APPID).outcome).toBe('session');
    });

    it('keeps used codes until they expire, so a reuse still answers 40163', () => {
      const code = mint();
      sut.exchange(code, APPID);

      sut.purge();

      expect(sut.exchange(code, APPID)).toMatchObject({ errcode: ERRCODE_CODE_USED });
    });

    it('purges on a timer once the module is started, and stops with it', () => {
      jest.useFakeTimers();
      try {
        sut.onModuleInit();
        mint();
        now += CODE_TTL_MS;

        jest.advanceTimersByTime(CODE_PURGE_INTERVAL_MS);
        expect(sut.size).toBe(0);

        sut.onModuleDestroy();
        mint();
        now += CODE_TTL_MS;
        jest.advanceTimersByTime(CODE_PURGE_INTERVAL_MS);
        expect(sut.size).toBe(1);
      } finally {
        sut.onModuleDestroy();
        jest.useRealTimers();
      }
    });
  });
});
