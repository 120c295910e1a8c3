import { createStrictValidationPipe } from '@app/common';
import { PublicsErrorCode } from '@app/contracts';
import { ValidationPipe } from '@nestjs/common';

import { PublicsException } from './publics.exception';

/** RPC payloads are validated as strictly as HTTP bodies: unknown fields and wrong types are refused. */
export function createRpcValidationPipe(): ValidationPipe {
  return createStrictValidationPipe(
    (message) => new PublicsException({ code: PublicsErrorCode.INVALID_PAYLOAD, message }),
  );
}
