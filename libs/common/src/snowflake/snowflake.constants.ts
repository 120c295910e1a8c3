/**
 * The layout of hutool's cn.hutool.core.lang.Snowflake (the seed project's Java generator), so ids of
 * both can share a table:
 *
 *   id = (ms - SNOWFLAKE_EPOCH_MS) << 22 | workerId << 12 | sequence
 *
 * 41 bits of milliseconds since the epoch, 10 bits of worker, 12 bits of sequence. hutool splits the
 * worker bits into a 5-bit dataCenterId above a 5-bit workerId, so a hutool instance configured with
 * (dataCenterId, workerId) makes the same ids as ours with workerId = dataCenterId << 5 | workerId.
 */
export const SNOWFLAKE_EPOCH_MS = 1288834974657;
export const TIMESTAMP_BITS = 41;
export const WORKER_ID_BITS = 10;
export const SEQUENCE_BITS = 12;
/** hutool's share of WORKER_ID_BITS: dataCenterId in the upper 5, its workerId in the lower 5. */
export const HUTOOL_DATA_CENTER_ID_BITS = 5;
export const HUTOOL_WORKER_ID_BITS = 5;

export const MAX_TIMESTAMP_OFFSET_MS = 2 ** TIMESTAMP_BITS - 1;
export const MAX_WORKER_ID = 2 ** WORKER_ID_BITS - 1;
export const MAX_SEQUENCE = 2 ** SEQUENCE_BITS - 1;
export const MAX_SNOWFLAKE_ID = 2n ** 63n - 1n;

export const WORKER_ID_SHIFT = BigInt(SEQUENCE_BITS);
export const TIMESTAMP_SHIFT = BigInt(SEQUENCE_BITS + WORKER_ID_BITS);

export const DEFAULT_MAX_BACKWARD_MS = 5;
