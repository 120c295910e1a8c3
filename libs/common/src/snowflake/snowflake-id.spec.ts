import { formatSnowflakeId, parseSnowflakeId } from './snowflake-id';

describe(parseSnowflakeId.name, () => {
  it('round-trips 2^53 + 1 and the largest 64-bit id exactly', () => {
    for (const id of [2n ** 53n + 1n, 2n ** 63n - 1n, 1863091127000012800n]) {
      expect(parseSnowflakeId(formatSnowflakeId(id))).toBe(id);
    }
    expect(formatSnowflakeId(2n ** 53n + 1n)).toBe('9007199254740993');
  });

  it.each(['', '+1', '-1', '1.0', '1e3', ' 1', 'abc', '9223372036854775808', '1'.repeat(20)])(
    'refuses %p',
    (value) => {
      expect(() => parseSnowflakeId(value)).toThrow(RangeError);
    },
  );
});
