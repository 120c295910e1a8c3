import { randomUUID } from 'node:crypto';

import { Logger } from '@nestjs/common';

/** How an unexpected error is logged: its name, message and stack, nothing it may carry besides. */
export function errorLogField(
  exception: unknown,
): { name: string; message: string; stack?: string } | string {
  return exception instanceof Error
    ? { name: exception.name, message: exception.message, stack: exception.stack }
    : String(exception);
}

/**
 * Logs an error nobody expected under a new error id and returns the id: the
 * caller's answer carries the id, never the cause.
 */
export function logUnexpectedError(logger: Logger, exception: unknown, message: string): string {
  const errorId = randomUUID();
  logger.error({ errorId, err: errorLogField(exception) }, message);
  return errorId;
}
