import { PhoneNumberRequest, PhoneNumberResult, PublicsPatterns } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { WechatAppRegistry } from '../apps/wechat-app.registry';
import { PhoneNumberService } from './phone-number.service';

@Controller()
export class PhoneNumberController {
  constructor(
    private readonly apps: WechatAppRegistry,
    private readonly phones: PhoneNumberService,
  ) {}

  @MessagePattern(PublicsPatterns.WECHAT_PHONE_NUMBER)
  phoneNumber(@Payload() request: PhoneNumberRequest): Promise<PhoneNumberResult> {
    return this.phones.phoneNumber(this.apps.resolve(request.appid), request.code);
  }
}
