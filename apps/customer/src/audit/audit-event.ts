/** What was done to or by an account. */
export const AuditAction = {
  Login: 'login',
  Logout: 'logout',
  Delete: 'delete',
  Profile: 'profile',
  Phone: 'phone',
  Freeze: 'freeze',
  Unfreeze: 'unfreeze',
} as const;

export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

/** The outcome of a successful attempt; a failed one records its error code. */
export const AUDIT_OK = 'OK';

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  requestId?: string;
  clientIp?: string;
  userAgent?: string;
}

/** One entry to record. The openid is hashed before it is stored. */
export interface AuditEvent extends RequestOrigin {
  action: AuditAction;
  outcome: string;
  userId?: bigint | null;
  appid?: string | null;
  openid?: string | null;
}
