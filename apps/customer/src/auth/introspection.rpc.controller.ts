import { CustomerPatterns, IntrospectRequest, IntrospectResult } from '@app/contracts';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { RpcController } from '../rpc/rpc-controller.decorator';
import { TokenIntrospection } from './token-introspection';

@RpcController()
export class IntrospectionRpcController {
  constructor(private readonly introspection: TokenIntrospection) {}

  @MessagePattern(CustomerPatterns.AUTH_INTROSPECT)
  introspect(@Payload() request: IntrospectRequest): Promise<IntrospectResult> {
    return this.introspection.introspect(request.token);
  }
}
