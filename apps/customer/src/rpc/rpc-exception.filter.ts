import { logUnexpectedError } from '@app/common';
import { CustomerRpcError, CustomerRpcErrorCode } from '@app/contracts';
import { Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

import { CustomerRpcException } from './customer-rpc.exception';

/**
 * Every failure of customer's RPC handlers leaves as a contract error: known
 * ones as they are, anything else as USER_SERVICE_ERROR with an id that points
 * at the logged cause (never the cause itself).
 */
@Catch()
export class CustomerRpcExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(CustomerRpcExceptionFilter.name);

  catch(exception: unknown): Observable<never> {
    if (exception instanceof CustomerRpcException) {
      return throwError(() => exception.contractError);
    }
    const errorId = logUnexpectedError(
      this.logger,
      exception,
      'Unexpected error while handling an RPC call',
    );
    const error: CustomerRpcError = {
      code: CustomerRpcErrorCode.USER_SERVICE_ERROR,
      message: `Internal error in customer (error id ${errorId})`,
      errorId,
    };
    return throwError(() => error);
  }
}
