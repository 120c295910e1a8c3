import { HealthPingResult, PublicsPatterns } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

/** The RPC side of health: callers (customer's readiness) ping publics over the transport they use. */
@Controller()
export class HealthPingController {
  @MessagePattern(PublicsPatterns.HEALTH_PING)
  ping(): HealthPingResult {
    return { status: 'ok' };
  }
}
