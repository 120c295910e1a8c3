import { logUnexpectedError } from '@app/common';
import { PublicsError, PublicsErrorCode } from '@app/contracts';
import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { Observable, throwError } from 'rxjs';

import { PublicsException } from './publics.exception';

/**
 * Every RPC failure leaves publics as a contract error: known ones as they are,
 * anything else as INTERNAL_ERROR with an id that points at the logged cause.
 * HTTP errors (the health and metrics routes) get Nest's own answers: give the
 * filter the HTTP adapter for those.
 */
@Catch()
export class PublicsRpcExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(PublicsRpcExceptionFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'rpc') {
      return super.catch(exception, host);
    }
    if (exception instanceof PublicsException) {
      return throwError(() => exception.contractError);
    }
    const errorId = logUnexpectedError(
      this.logger,
      exception,
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
