import {
  ClockMovedBackwardsError,
  measureSnowflakeThroughput,
  SnowflakeGenerator,
} from './snowflake.generator';
import { decomposeSnowflakeId, formatSnowflakeId, parseSnowflakeId } from './snowflake-id';
import { MAX_TIMESTAMP_OFFSET_MS, SNOWFLAKE_EPOCH_MS } from './snowflake.constants';

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);

/** A fake clock answering from a script of readings, then repeating the last; counts its reads. */
function scriptedClock(readings: number[]): { clock: () => number; reads: () => number } {
  let index = 0;
  return {
    clock: () => readings[Math.min(index++, readings.length - 1)],
    reads: () => index,
  };
}

/** hutool's formula, with its separate 5-bit dataCenterId and 5-bit workerId. */
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
    let violations = 0;
    for (let i = 0; i < 1_000_000; i += 1) {
      const id = sut.nextId();
      if (id <= previous) violations += 1;
      previous = id;
    }

    expect(violations).toBe(0);
  });

  it('lays out milliseconds, worker 1023 and sequence so that decompose gives them back', () => {
    const sut = new SnowflakeGenerator({ workerId: 1023, clock: () => T0 });

    const first = sut.nextId();
    const second = sut.nextId();

    expect(decomposeSnowflakeId(first)).toEqual({ timestamp: T0, workerId: 1023, sequence: 0 });
    expect(decomposeSnowflakeId(second)).toEqual({ timestamp: T0, workerId: 1023, sequence: 1 });
    expect(second).toBe((BigInt(T0 - SNOWFLAKE_EPOCH_MS) << 22n) | (1023n << 12n) | 1n);
  });

  it('makes the same ids as hutool with dataCenterId and workerId when ours is dataCenterId << 5 | workerId', () => {
    for (let dataCenterId = 0; dataCenterId < 32; dataCenterId += 1) {
      for (let workerId = 0; workerId < 32; workerId += 1) {
        const sut = new SnowflakeGenerator({
          workerId: (dataCenterId << 5) | workerId,
          clock: () => T0,
        });

        expect(sut.nextId()).toBe(hutoolId(T0, dataCenterId, workerId, 0));
        expect(sut.nextId()).toBe(hutoolId(T0, dataCenterId, workerId, 1));
      }
    }
  });

  it('gives different workers at the same millisecond and sequence ids that differ only in bits 12 to 21', () => {
    const a = new SnowflakeGenerator({ workerId: 0, clock: () => T0 }).nextId();
    const b = new SnowflakeGenerator({ workerId: 1023, clock: () => T0 }).nextId();
    const c = new SnowflakeGenerator({ workerId: 0b1010010110, clock: () => T0 }).nextId();

    expect(a ^ b).toBe(1023n << 12n);
    expect(a ^ c).toBe(0b1010010110n << 12n);
  });

  it('waits for the next millisecond when the 4096 ids of one millisecond are used up', () => {
    const fake = scriptedClock([...Array<number>(4096 + 50).fill(T0), T0 + 1]);
    const sut = new SnowflakeGenerator({ workerId: 5, clock: fake.clock });

    const ids = Array.from({ length: 4096 }, () => sut.nextId());
    const overflow = sut.nextId();

    expect(decomposeSnowflakeId(ids[4095])).toEqual({ timestamp: T0, workerId: 5, sequence: 4095 });
    expect(fake.reads()).toBe(4096 + 50 + 1);
    expect(decomposeSnowflakeId(overflow)).toEqual({ timestamp: T0 + 1, workerId: 5, sequence: 0 });
    expect(overflow).toBeGreaterThan(ids[4095]);
    expect(new Set([...ids, overflow]).size).toBe(4097);
  });

  it('waits when the clock steps back 3 ms, then goes on with increasing ids', () => {
    const fake = scriptedClock([T0, T0 - 3, T0 - 3, T0 - 2, T0 - 1, T0, T0 + 1]);
    const sut = new SnowflakeGenerator({ workerId: 1, clock: fake.clock });

    const before = sut.nextId();
    const caughtUp = sut.nextId();
    const after = sut.nextId();

    expect(fake.reads()).toBe(7);
    expect(decomposeSnowflakeId(caughtUp)).toMatchObject({ timestamp: T0, sequence: 1 });
    expect(decomposeSnowflakeId(after)).toMatchObject({ timestamp: T0 + 1, sequence: 0 });
    expect(caughtUp).toBeGreaterThan(before);
    expect(after).toBeGreaterThan(caughtUp);
  });

  it('refuses ids while the clock is 10 s behind, saying by how much', () => {
    const sut = new SnowflakeGenerator({
      workerId: 1,
      clock: scriptedClock([T0, T0 - 10_000]).clock,
    });
    sut.nextId();

    expect(() => sut.nextId()).toThrow(ClockMovedBackwardsError);
    expect(() => sut.nextId()).toThrow(/moved back by 10000 ms.*to avoid duplicates/);
  });

  it('refuses ids when the clock jumps far back while it is waiting for a small step back', () => {
    const sut = new SnowflakeGenerator({
      workerId: 1,
      clock: scriptedClock([T0, T0 - 2, T0 - 60_000]).clock,
    });
    sut.nextId();

    expect(() => sut.nextId()).toThrow(new ClockMovedBackwardsError(60_000));
  });

  it('refuses a step back of more than maxBackwardMs', () => {
    const sut = new SnowflakeGenerator({
      workerId: 1,
      maxBackwardMs: 0,
      clock: scriptedClock([T0, T0 - 1]).clock,
    });
    sut.nextId();

    expect(() => sut.nextId()).toThrow(ClockMovedBackwardsError);
  });

  it.each([-1, 1024, 1.5, Number.NaN])(
    'refuses worker id %p, naming the allowed range',
    (workerId) => {
      expect(() => new SnowflakeGenerator({ workerId })).toThrow(RangeError);
      expect(() => new SnowflakeGenerator({ workerId })).toThrow(/integer from 0 to 1023/);
    },
  );

  it.each([-1, 0.5, Number.NaN])('refuses maxBackwardMs %p', (maxBackwardMs) => {
    expect(() => new SnowflakeGenerator({ workerId: 1, maxBackwardMs })).toThrow(RangeError);
  });

  it.each([
    ['before the epoch', SNOWFLAKE_EPOCH_MS - 1],
    ['past the 41-bit range', SNOWFLAKE_EPOCH_MS + MAX_TIMESTAMP_OFFSET_MS + 1],
    ['not a whole millisecond', T0 + 0.5],
    ['not a number', Number.NaN],
  ])('refuses a clock %s', (_case, reading) => {
    const sut = new SnowflakeGenerator({ workerId: 1, clock: () => reading });

    expect(() => sut.nextId()).toThrow(RangeError);
  });

  it('accepts the first and the last millisecond of the 41-bit range', () => {
    const first = new SnowflakeGenerator({ workerId: 1, clock: () => SNOWFLAKE_EPOCH_MS });
    const last = new SnowflakeGenerator({
      workerId: 1,
      clock: () => SNOWFLAKE_EPOCH_MS + MAX_TIMESTAMP_OFFSET_MS,
    });

    expect(first.nextId()).toBe(1n << 12n);
    expect(last.nextId()).toBe(((2n ** 41n - 1n) << 22n) | (1n << 12n));
  });

  it('makes ids above 2^53 today that survive format and parse exactly', () => {
    const sut = new SnowflakeGenerator({ workerId: 1 });

    const id = sut.nextId();

    expect(id).toBeGreaterThan(2n ** 53n);
    expect(Number.isSafeInteger(Number(id))).toBe(false);
    expect(parseSnowflakeId(formatSnowflakeId(id))).toBe(id);
  });
});

describe(measureSnowflakeThroughput.name, () => {
  it('measures a positive number of ids per second, no more than the layout allows', () => {
    const idsPerSecond = measureSnowflakeThroughput(20);

    expect(idsPerSecond).toBeGreaterThan(0);
    // 4096 per millisecond, with a little slack for timer granularity.
    expect(idsPerSecond).toBeLessThan(4096 * 1000 * 1.1);
  });

  it.each([0, -5, Number.NaN])('refuses a duration of %p ms', (durationMs) => {
    expect(() => measureSnowflakeThroughput(durationMs)).toThrow(RangeError);
  });
});
