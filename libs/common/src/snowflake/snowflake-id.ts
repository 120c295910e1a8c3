import {
  MAX_SEQUENCE,
  MAX_WORKER_ID,
  SNOWFLAKE_EPOCH_MS,
  TIMESTAMP_SHIFT,
  WORKER_ID_SHIFT,
} from './snowflake.constants';

const MAX_INT64 = 2n ** 63n - 1n;

export interface SnowflakeParts {
  /** Unix epoch milliseconds. */
  timestamp: number;
  workerId: number;
  sequence: number;
}

export function decomposeSnowflakeId(id: bigint): SnowflakeParts {
  return {
    timestamp: Number(id >> TIMESTAMP_SHIFT) + SNOWFLAKE_EPOCH_MS,
    workerId: Number((id >> WORKER_ID_SHIFT) & BigInt(MAX_WORKER_ID)),
    sequence: Number(id & BigInt(MAX_SEQUENCE)),
  };
}

/** A decimal id string (JSON, JWT sub) back to a bigint; refuses anything that is not one. */
export function parseSnowflakeId(value: string): bigint {
  if (!/^\d{1,19}$/.test(value)) {
    throw new RangeError(`Not a decimal id: ${JSON.stringify(value.slice(0, 40))}`);
  }
  const id = BigInt(value);
  if (id > MAX_INT64) throw new RangeError(`Id out of the 64-bit range: ${value}`);
  return id;
}

export function formatSnowflakeId(id: bigint): string {
  return id.toString();
}
