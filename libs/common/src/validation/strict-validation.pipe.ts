import { ValidationPipe } from '@nestjs/common';

import { formatValidationErrors } from './validation-message';

/**
 * The validation of every input, HTTP body or RPC payload: unknown fields and
 * wrong types are refused, and the error the app answers with is built from
 * the message naming the fields.
 */
export function createStrictValidationPipe(toError: (message: string) => unknown): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => toError(formatValidationErrors(errors)),
  });
}
