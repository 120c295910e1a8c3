import { CODE_TTL_MS, CodeStore } from './code-store';
import { SandboxClock } from './sandbox-clock';

describe(CodeStore.name, () => {
  let now: number;
  let sut: CodeStore;

  beforeEach(() => {
    now = 1_764_000_000_000;
    sut = new CodeStore(new SandboxClock(() => now));
  });
  afterEach(() => sut.onModuleDestroy());

  const mint = (extra: Partial<Parameters<CodeStore['mint']>[0]> = {}) =>
    sut.mint({ user: 'u', openid: 'o-u', unionid: 'un-u', ...extra });

  it('answers a session once, then 40163', () => {
    const code = mint();

    expect(sut.exchange(code)).toEqual({
      outcome: 'session',
      openid: 'o-u',
      unionid: 'un-u',
      delayMs: 0,
    });
    expect(sut.exchange(code)).toMatchObject({ outcome: 'error', errcode: 40163 });
  });

  it('answers 40029 for a code it never issued', () => {
    expect(sut.exchange('unknown')).toMatchObject({ outcome: 'error', errcode: 40029 });
  });

  it('answers 40029 once a code is five minutes old', () => {
    const code = mint();
    now += CODE_TTL_MS - 1;
    const stillFresh = sut.exchange(mint());
    now += 1;

    expect(stillFresh.outcome).toBe('session');
    expect(sut.exchange(code)).toMatchObject({ outcome: 'error', errcode: 40029 });
  });

  it('answers an injected errcode for every exchange by default, using the code up', () => {
    const code = mint({ errcode: 45011 });

    expect(sut.exchange(code)).toMatchObject({ errcode: 45011 });
    expect(sut.exchange(code)).toMatchObject({ errcode: 45011 });
  });

  it('answers the injected errcode only for the first failures, then 40163 as the code is used up', () => {
    const code = mint({ errcode: 40226, failures: 1 });

    expect(sut.exchange(code)).toMatchObject({ errcode: 40226 });
    expect(sut.exchange(code)).toMatchObject({ errcode: 40163 });
  });

  it('does not use the code up on -1, so the exchange after the failures succeeds', () => {
    const code = mint({ errcode: -1, failures: 2 });

    expect(sut.exchange(code)).toMatchObject({ errcode: -1 });
    expect(sut.exchange(code)).toMatchObject({ errcode: -1 });
    expect(sut.exchange(code)).toMatchObject({ outcome: 'session' });
  });

  it('carries the delay of the code on every answer', () => {
    const code = mint({ delayMs: 250 });

    expect(sut.exchange(code).delayMs).toBe(250);
    expect(sut.exchange(code).delayMs).toBe(250);
  });

  it('forgets expired codes when purging and keeps fresh ones', () => {
    mint();
    now += CODE_TTL_MS;
    mint();

    sut.purge();

    expect(sut.size).toBe(1);
  });

  it('issues distinct url-safe codes', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => mint()));

    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[\w-]{32}$/);
  });
});
