import { randomUUID } from 'node:crypto';

import { PublicsError, PublicsErrorCode } from '@app/contracts';
import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

import { PublicsException } from './publics.exception';

/**
 * Every RPC failure leaves publics as a contract error: known ones as they are,
 * anything else as INTERNAL_ERROR with an id that points at the logged cause.
 */
@Catch()
export class PublicsRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(PublicsRpcExceptionFilter.name);

  catch(exception: unknown): Observable<never> {
    if (exception instanceof PublicsException) {
      return throwError(() => exception.contractError);
    }
    const errorId = randomUUID();
    this.logger.error(
      {
        errorId,
        err:
          exception instanceof Error
            ? { name: exception.name, message: exception.message, stack: exception.stack }
            : String(exception),
      },
      'Unexpected error while handling an RPC call',
    );
    const error: PublicsError = {
      code: PublicsErrorCode.INTERNAL_ERROR,
      message: `Internal error in publics (error id ${errorId})`,
      errorId,
    };
    return throwError(() => error);
  }
}
