import { SandboxClock } from './sandbox-clock';

describe(SandboxClock.name, () => {
  it('follows the real clock', () => {
    let real = 1_000;
    const sut = new SandboxClock(() => real);

    real += 42;

    expect(sut.now()).toBe(1_042);
  });

  it('moves forward by what it is advanced and answers the new now', () => {
    const sut = new SandboxClock(() => 1_000);

    expect(sut.advance(500)).toBe(1_500);
    expect(sut.advance(250)).toBe(1_750);
    expect(sut.now()).toBe(1_750);
  });

  it('refuses to move back', () => {
    const sut = new SandboxClock(() => 1_000);

    expect(() => sut.advance(-1)).toThrow(RangeError);
    expect(sut.now()).toBe(1_000);
  });

  it('starts near the wall clock by default', () => {
    const sut = new SandboxClock();

    expect(Math.abs(sut.now() - Date.now())).toBeLessThan(1_000);
  });
});
