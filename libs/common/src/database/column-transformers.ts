import { ValueTransformer } from 'typeorm';

/**
 * BIGINT ids as bigint in code. MySQL (mysql2) hands BIGINT back as a decimal
 * string and SQLite (with safe integers on) as a bigint; both convert exactly.
 * Written as a decimal string, which both databases store without rounding.
 */
export const bigintColumn: ValueTransformer = {
  to: (value: bigint | string | null | undefined) =>
    value === null || value === undefined ? value : value.toString(),
  from: (value: string | number | bigint | null) =>
    value === null || value === undefined ? value : BigInt(value),
};

/** Small INT columns as numbers, whether the driver returns number, string or bigint. */
export const intColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | bigint | null) =>
    value === null || value === undefined ? value : Number(value),
};
