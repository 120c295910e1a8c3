import { PublicsError, PublicsErrorCode } from '@app/contracts';
import { RpcException } from '@nestjs/microservices';

/** A failure publics reports to its caller with a stable contract code. */
export class PublicsException extends RpcException {
  constructor(readonly contractError: PublicsError) {
    super(contractError);
  }

  get code(): PublicsErrorCode {
    return this.contractError.code;
  }
}
