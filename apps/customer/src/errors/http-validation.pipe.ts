import { createStrictValidationPipe } from '@app/common';
import { HttpStatus, ValidationPipe } from '@nestjs/common';

import { AppException, CustomerErrorCode } from './app.exception';

export function createHttpValidationPipe(): ValidationPipe {
  return createStrictValidationPipe(
    (message) =>
      new AppException(HttpStatus.BAD_REQUEST, CustomerErrorCode.VALIDATION_FAILED, message),
  );
}
