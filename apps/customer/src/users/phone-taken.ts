import { HttpStatus } from '@nestjs/common';

import { AppException, CustomerErrorCode } from '../errors/app.exception';

/** 409 PHONE_TAKEN: another live user holds the number (only while PHONE_UNIQUE is true). */
export class PhoneTakenException extends AppException {
  constructor() {
    super(
      HttpStatus.CONFLICT,
      CustomerErrorCode.PHONE_TAKEN,
      'This phone number is bound to another account',
    );
  }
}
