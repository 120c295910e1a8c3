import { HttpStatus } from '@nestjs/common';

import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { CommonUser } from './user.entity';
import { UserStatus } from './user-status';

/** A frozen user's refusal; the seed's page shows the bare reason. */
export class AccountFrozenException extends AppException {
  constructor(readonly reason: string) {
    super(
      HttpStatus.FORBIDDEN,
      CustomerErrorCode.ACCOUNT_FROZEN,
      `This account is frozen: ${reason}`,
    );
  }
}

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
    throw new AccountFrozenException(lockReason(user));
  }
}

/** The stored lock reason of a frozen user, as the seed's page shows it. */
export function lockReason(user: CommonUser): string {
  return user.accountLockReason?.trim() || 'no reason given';
}

/**
 * Whether a token carrying this `ver` is still good for the user: logout,
 * freezing and deletion bump the stored version. Tokens issued before `ver`
 * existed count as version 0.
 */
export function isCurrentTokenVersion(user: CommonUser, ver: unknown): boolean {
  const version = ver === undefined ? 0 : ver;
  return typeof version === 'number' && version === user.tokenVersion;
}
