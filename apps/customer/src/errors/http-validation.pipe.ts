import { formatValidationErrors } from '@app/common';
import { HttpStatus, ValidationPipe } from '@nestjs/common';

import { AppException, CustomerErrorCode } from './app.exception';

export function createHttpValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) =>
      new AppException(
        HttpStatus.BAD_REQUEST,
        CustomerErrorCode.VALIDATION_FAILED,
        formatValidationErrors(errors),
      ),
  });
}
