import {
  MAX_SEQUENCE,
  MAX_SNOWFLAKE_ID,
  MAX_WORKER_ID,
  SNOWFLAKE_EPOCH_MS,
  TIMESTAMP_SHIFT,
  WORKER_ID_SHIFT,
} from './snowflake.constants';

export interface SnowflakeParts {
  /** Unix epoch milliseconds. */
  timestamp: number;
  workerId: number;
  sequence: number;
}

const WORKER_MASK = BigInt(MAX_WORKER_ID);
const SEQUENCE_MASK = BigInt(MAX_SEQUENCE);
/** Canonical decimal: no sign, no leading zeros, so one id has exactly one string. */
const DECIMAL_ID = /^(?:0|[1-9]\d*)$/;
const MAX_ID_TEXT = MAX_SNOWFLAKE_ID.toString();

export function decomposeSnowflakeId(id: bigint): SnowflakeParts {
  assertInRange(id);
  return {
    timestamp: Number(id >> TIMESTAMP_SHIFT) + SNOWFLAKE_EPOCH_MS,
    workerId: Number((id >> WORKER_ID_SHIFT) & WORKER_MASK),
    sequence: Number(id & SEQUENCE_MASK),
  };
}

/** The decimal string ids travel as in DTOs, JSON and JWTs (they do not fit a JS number). */
export function formatSnowflakeId(id: bigint): string {
  assertInRange(id);
  return id.toString();
}

/** A decimal id string back to a bigint; refuses anything that formatSnowflakeId would not produce. */
export function parseSnowflakeId(value: string): bigint {
  if (!DECIMAL_ID.test(value)) {
    throw new RangeError(
      `Not a snowflake id: ${JSON.stringify(value.slice(0, 40))} ` +
        `(expected decimal digits without sign or leading zeros)`,
    );
  }
  // Compared as text (same length, no leading zeros) so that no BigInt is built from a huge input.
  if (
    value.length > MAX_ID_TEXT.length ||
    (value.length === MAX_ID_TEXT.length && value > MAX_ID_TEXT)
  ) {
    throw outOfRange(value);
  }
  return BigInt(value);
}

function assertInRange(id: bigint): void {
  if (id < 0n || id > MAX_SNOWFLAKE_ID) throw outOfRange(id.toString());
}

function outOfRange(text: string): RangeError {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return new RangeError(
    `Snowflake id ${shown} is outside the 64-bit range 0 to ${MAX_ID_TEXT} (2^63-1)`,
  );
}
