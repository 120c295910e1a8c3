import { applyDecorators, Controller, UseFilters, UsePipes } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { CustomerRpcExceptionFilter } from './rpc-exception.filter';
import { createCustomerRpcValidationPipe } from './rpc-validation.pipe';

/**
 * A controller of customer's RPC server: its payloads validated, its failures
 * contract errors. (The HTTP app's global pipe and filter do not reach the RPC
 * server: it is connected without inheritAppConfig.)
 */
export function RpcController(): ClassDecorator {
  return applyDecorators(
    Controller(),
    ApiExcludeController(),
    UsePipes(createCustomerRpcValidationPipe()),
    UseFilters(new CustomerRpcExceptionFilter()),
  );
}
