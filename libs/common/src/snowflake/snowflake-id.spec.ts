import { decomposeSnowflakeId, formatSnowflakeId, parseSnowflakeId } from './snowflake-id';
import { SNOWFLAKE_EPOCH_MS } from './snowflake.constants';

describe(parseSnowflakeId.name, () => {
  it('parses a decimal string to the bigint', () => {
    expect(parseSnowflakeId('123')).toBe(123n);
    expect(parseSnowflakeId('0')).toBe(0n);
  });

  it('round-trips 2^53 + 1 and the largest 64-bit id exactly', () => {
    for (const id of [2n ** 53n + 1n, 2n ** 63n - 1n, 1863091127000012800n]) {
      expect(parseSnowflakeId(formatSnowflakeId(id))).toBe(id);
    }
    expect(formatSnowflakeId(2n ** 53n + 1n)).toBe('9007199254740993');
  });

  it.each(['', '+1', '-1', '1.0', '1e3', ' 1', '1 ', '0x1f', 'abc', '٣', '007', '12n'])(
    'refuses %p as not a decimal id',
    (value) => {
      expect(() => parseSnowflakeId(value)).toThrow(RangeError);
      expect(() => parseSnowflakeId(value)).toThrow(/Not a snowflake id/);
    },
  );

  it.each([
    ['2^63', '9223372036854775808'],
    ['19 nines', '9'.repeat(19)],
    ['20 digits', '1'.repeat(20)],
    ['100,000 digits', '9'.repeat(100_000)],
  ])('refuses %s as beyond 2^63-1', (_case, value) => {
    expect(() => parseSnowflakeId(value)).toThrow(RangeError);
    expect(() => parseSnowflakeId(value)).toThrow(/outside the 64-bit range/);
  });
});

describe(formatSnowflakeId.name, () => {
  it.each([-1n, 2n ** 63n])('refuses %p, which no snowflake id can be', (id) => {
    expect(() => formatSnowflakeId(id)).toThrow(RangeError);
  });
});

describe(decomposeSnowflakeId.name, () => {
  it('splits an id into epoch milliseconds, worker and sequence', () => {
    const id = (123_456_789n << 22n) | (513n << 12n) | 4095n;

    expect(decomposeSnowflakeId(id)).toEqual({
      timestamp: SNOWFLAKE_EPOCH_MS + 123_456_789,
      workerId: 513,
      sequence: 4095,
    });
  });

  it('refuses a negative id', () => {
    expect(() => decomposeSnowflakeId(-1n)).toThrow(RangeError);
  });
});
