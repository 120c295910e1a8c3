import { HttpStatus } from '@nestjs/common';

/** Codes customer answers with, beyond the publics contract codes it passes on. */
export const CustomerErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_TOKEN: 'INVALID_TOKEN',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  ACCOUNT_FROZEN: 'ACCOUNT_FROZEN',
  ACCOUNT_DELETED: 'ACCOUNT_DELETED',
  UNKNOWN_APPID: 'UNKNOWN_APPID',
  PHONE_TAKEN: 'PHONE_TAKEN',
  INVALID_PHONE_CODE: 'INVALID_PHONE_CODE',
  PUBLICS_UNAVAILABLE: 'PUBLICS_UNAVAILABLE',
  PUBLICS_TIMEOUT: 'PUBLICS_TIMEOUT',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  ID_GENERATOR_UNAVAILABLE: 'ID_GENERATOR_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;

export type CustomerErrorCode = (typeof CustomerErrorCode)[keyof typeof CustomerErrorCode];

/** A failure with a known status and stable code; its message is safe to show to the caller. */
export class AppException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    message: string,
    /** WeChat's own errmsg, when the failure came from WeChat (the seed's routes show it). */
    readonly wechatMessage?: string,
  ) {
    super(message);
    this.name = AppException.name;
  }
}
