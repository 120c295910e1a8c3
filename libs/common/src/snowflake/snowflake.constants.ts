/**
 * The layout of hutool's Snowflake (the seed project's Java generator), so ids of
 * both can share a table: 41 bits of milliseconds since the epoch, 10 bits of
 * worker (hutool: 5 bits dataCenterId then 5 bits workerId), 12 bits of sequence.
 */
export const SNOWFLAKE_EPOCH_MS = 1288834974657;
export const WORKER_ID_BITS = 10;
export const SEQUENCE_BITS = 12;
export const TIMESTAMP_BITS = 41;
export const MAX_WORKER_ID = 2 ** WORKER_ID_BITS - 1;
export const MAX_SEQUENCE = 2 ** SEQUENCE_BITS - 1;
export const MAX_TIMESTAMP_OFFSET_MS = 2 ** TIMESTAMP_BITS - 1;
export const WORKER_ID_SHIFT = BigInt(SEQUENCE_BITS);
export const TIMESTAMP_SHIFT = BigInt(SEQUENCE_BITS + WORKER_ID_BITS);
