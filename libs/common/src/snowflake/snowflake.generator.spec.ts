import { ClockMovedBackwardsError, SnowflakeGenerator } from './snowflake.generator';
import { decomposeSnowflakeId } from './snowflake-id';
import { SNOWFLAKE_EPOCH_MS } from './snowflake.constants';

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);

/** A clock that answers from a script of readings, then keeps the last one. */
function scriptedClock(readings: number[]): () => number {
  let index = 0;
  return () => readings[Math.min(index++, readings.length - 1)];
}

/** hutool's formula with its separate 5-bit dataCenterId and 5-bit workerId. */
function hutoolId(
  timestamp: number,
  dataCenterId: number,
  workerId: number,
  sequence: number,
): bigint {
  return (
    (BigInt(timestamp - SNOWFLAKE_EPOCH_MS) << 22n) |
    (BigInt(dataCenterId) << 17n) |
    (BigInt(workerId) << 12n) |
    BigInt(sequence)
  );
}

describe(SnowflakeGenerator.name, () => {
  it('makes a million ids that are unique and strictly increasing', () => {
    const sut = new SnowflakeGenerator({ workerId: 7 });
    let previous = sut.nextId();
    let increasing = true;
    for (let i = 0; i < 1_000_000; i += 1) {
      const id = sut.nextId();
      if (id <= previous) increasing = false;
      previous = id;
    }
    expect(increasing).toBe(true);
  });

  it('lays out milliseconds, worker and sequence as hutool does', () => {
    const sut = new SnowflakeGenerator({ workerId: (3 << 5) | 17, clock: () => T0 });

    const first = sut.nextId();
    const second = sut.nextId();

    expect(first).toBe(hutoolId(T0, 3, 17, 0));
    expect(second).toBe(hutoolId(T0, 3, 17, 1));
    expect(decomposeSnowflakeId(second)).toEqual({
      timestamp: T0,
      workerId: (3 << 5) | 17,
      sequence: 1,
    });
  });

  it('puts the worker id in bits 12 to 21 only', () => {
    const a = new SnowflakeGenerator({ workerId: 0, clock: () => T0 }).nextId();
    const b = new SnowflakeGenerator({ workerId: 1023, clock: () => T0 }).nextId();

    expect(a ^ b).toBe(1023n << 12n);
    expect(decomposeSnowflakeId(b).workerId).toBe(1023);
  });

  it('waits for the next millisecond when the 4096 ids of one millisecond are used up', () => {
    const readings = [...Array<number>(4096 + 3).fill(T0), T0 + 1];
    const sut = new SnowflakeGenerator({ workerId: 5, clock: scriptedClock(readings) });

    const ids = Array.from({ length: 4097 }, () => sut.nextId());

    expect(decomposeSnowflakeId(ids[4095])).toEqual({ timestamp: T0, workerId: 5, sequence: 4095 });
    expect(decomposeSnowflakeId(ids[4096])).toEqual({
      timestamp: T0 + 1,
      workerId: 5,
      sequence: 0,
    });
    expect(new Set(ids).size).toBe(4097);
  });

  it('waits when the clock steps back a little and then goes on increasing', () => {
    const sut = new SnowflakeGenerator({
      workerId: 1,
      clock: scriptedClock([T0, T0 - 3, T0 - 3, T0 - 1, T0, T0 + 1]),
    });

    const before = sut.nextId();
    const after = sut.nextId();

    expect(after).toBeGreaterThan(before);
    expect(decomposeSnowflakeId(after).timestamp).toBe(T0 + 1);
  });

  it('refuses ids when the clock steps back a lot', () => {
    const sut = new SnowflakeGenerator({ workerId: 1, clock: scriptedClock([T0, T0 - 10_000]) });
    sut.nextId();

    expect(() => sut.nextId()).toThrow(ClockMovedBackwardsError);
    expect(() => sut.nextId()).toThrow(/moved back by 10000 ms/);
  });

  it.each([-1, 1024, 1.5, Number.NaN])('refuses worker id %p', (workerId) => {
    expect(() => new SnowflakeGenerator({ workerId })).toThrow(RangeError);
  });

  it('refuses a clock before the epoch', () => {
    const sut = new SnowflakeGenerator({ workerId: 1, clock: () => SNOWFLAKE_EPOCH_MS - 1 });

    expect(() => sut.nextId()).toThrow(RangeError);
  });

  it('makes ids above 2^53 today, beyond what a JS number holds exactly', () => {
    const id = new SnowflakeGenerator({ workerId: 1 }).nextId();

    expect(id).toBeGreaterThan(2n ** 53n);
    expect(Number.isSafeInteger(Number(id))).toBe(false);
  });
});
