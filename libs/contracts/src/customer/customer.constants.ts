/** Injection token of a ClientProxy that talks to customer's RPC server. */
export const CUSTOMER_CLIENT = 'CUSTOMER_CLIENT';

/** Message patterns customer answers on CUSTOMER_RPC_PORT. Callers import these; never type the strings. */
export const CustomerPatterns = {
  /** A user by id. */
  USER_FIND_BY_ID: 'user.findById',
  /** The user of a mini-program openid (appid: default, the first configured). */
  USER_FIND_BY_OPENID: 'user.findByOpenid',
  /** The live users whose bound phone is this number. */
  USER_FIND_BY_PHONE: 'user.findByPhone',
  /** Freeze a user with a reason: every token of the user stops working at once. */
  USER_FREEZE: 'user.freeze',
  /** Lift a freeze (tokens revoked by it stay revoked). */
  USER_UNFREEZE: 'user.unfreeze',
  /** The user's audit trail, newest first. */
  USER_AUDIT: 'user.audit',
  /** RFC 7662 token introspection: is this token active now? */
  AUTH_INTROSPECT: 'auth.introspect',
} as const;

export type CustomerPattern = (typeof CustomerPatterns)[keyof typeof CustomerPatterns];
