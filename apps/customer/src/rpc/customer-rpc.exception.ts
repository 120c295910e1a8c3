import { CustomerRpcError, CustomerRpcErrorCode } from '@app/contracts';
import { RpcException } from '@nestjs/microservices';

/** A failure customer's RPC server reports with a stable contract code. */
export class CustomerRpcException extends RpcException {
  constructor(readonly contractError: CustomerRpcError) {
    super(contractError);
  }

  static userNotFound(id: string): CustomerRpcException {
    return new CustomerRpcException({
      code: CustomerRpcErrorCode.USER_NOT_FOUND,
      message: `No user has id ${id}`,
    });
  }
}
