import { createStrictValidationPipe } from '@app/common';
import { CustomerRpcErrorCode } from '@app/contracts';
import { ValidationPipe } from '@nestjs/common';

import { CustomerRpcException } from './customer-rpc.exception';

/** RPC payloads are validated as strictly as HTTP bodies: unknown fields and wrong types are refused. */
export function createCustomerRpcValidationPipe(): ValidationPipe {
  return createStrictValidationPipe(
    (message) =>
      new CustomerRpcException({ code: CustomerRpcErrorCode.INVALID_USER_PAYLOAD, message }),
  );
}
