/**
 * Stable error codes of customer's RPC contract. Callers switch on `code`;
 * the message is for humans and may change.
 */
export const CustomerRpcErrorCode = {
  /** No user has this id (deleted users are still found, with `deleted: true`). */
  USER_NOT_FOUND: 'USER_NOT_FOUND',
  /** The RPC payload failed validation; the message names the fields. */
  INVALID_USER_PAYLOAD: 'INVALID_USER_PAYLOAD',
  /** A bug or an unreachable database in customer; `errorId` points at the log line. */
  USER_SERVICE_ERROR: 'USER_SERVICE_ERROR',
} as const;

export type CustomerRpcErrorCode = (typeof CustomerRpcErrorCode)[keyof typeof CustomerRpcErrorCode];

/** The error object a customer RPC call fails with. */
export interface CustomerRpcError {
  code: CustomerRpcErrorCode;
  message: string;
  errorId?: string;
}
