import { HttpStatus } from '@nestjs/common';

import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { CommonUser } from './user.entity';
import { UserStatus } from './user-status';

/** A deleted or frozen user may neither log in nor use a token they still hold. */
export function assertMayUseAccount(user: CommonUser): void {
  if (user.isDeleted !== 0) {
    throw new AppException(
      HttpStatus.FORBIDDEN,
      CustomerErrorCode.ACCOUNT_DELETED,
      'This account has been deleted',
    );
  }
  if (user.status === UserStatus.Frozen) {
    const reason = user.accountLockReason?.trim() || 'no reason given';
    throw new AppException(
      HttpStatus.FORBIDDEN,
      CustomerErrorCode.ACCOUNT_FROZEN,
      `This account is frozen: ${reason}`,
    );
  }
}
