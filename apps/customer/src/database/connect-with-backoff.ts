import { setTimeout as sleep } from 'node:timers/promises';

import { DataSource, DataSourceOptions } from 'typeorm';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

/** Connects, waiting 0.5 s, 1 s, 2 s … (at most 10 s) between attempts, and says so each time. */
export interface BackoffLogger {
  warn(details: object, message: string): void;
}

export async function connectWithBackoff(
  options: DataSourceOptions,
  attempts: number,
  logger: BackoffLogger,
): Promise<DataSource> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await new DataSource(options).initialize();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (attempt >= attempts) {
        throw new Error(`The database is unreachable after ${attempts} attempts: ${reason}`);
      }
      const delayMs = Math.min(FIRST_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS);
      logger.warn(
        { context: 'Database', attempt, attempts, delayMs, reason },
        `The database is unreachable (${reason}); retrying in ${delayMs} ms (attempt ${attempt} of ${attempts})`,
      );
      await sleep(delayMs);
    }
  }
}
