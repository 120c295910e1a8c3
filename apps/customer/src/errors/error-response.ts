import { randomUUID } from 'node:crypto';

import { HttpException, HttpStatus } from '@nestjs/common';

import { isDatabaseUnavailable } from '../database/database-errors';
import { AppException, CustomerErrorCode } from './app.exception';

/** The one JSON shape of every error customer answers. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

export interface ErrorResponse {
  body: ErrorBody;
  /** Set for unexpected errors: log the cause under this id. */
  errorId?: string;
}

/** How a route answers an error (see RouteErrors): the status and body sent, and what they stand for. */
export interface ErrorAnswer {
  status: number;
  body: unknown;
  /** customer's code for the error, whatever the body shows: the metrics and the audit trail record it. */
  code: string;
  /** Set for unexpected errors: log the cause under this id. */
  errorId?: string;
}

const codeByStatus: Partial<Record<number, string>> = {
  400: CustomerErrorCode.VALIDATION_FAILED,
  429: CustomerErrorCode.TOO_MANY_REQUESTS,
  404: CustomerErrorCode.NOT_FOUND,
  413: CustomerErrorCode.PAYLOAD_TOO_LARGE,
  415: CustomerErrorCode.UNSUPPORTED_MEDIA_TYPE,
};

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof AppException) {
    return {
      body: { statusCode: exception.status, code: exception.code, message: exception.message },
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    if (statusCode < 500) {
      const code = codeByStatus[statusCode] ?? `HTTP_${statusCode}`;
      return { body: { statusCode, code, message: messageOf(exception) } };
    }
  }
  const errorId = randomUUID();
  if (isDatabaseUnavailable(exception)) {
    return {
      errorId,
      body: {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: CustomerErrorCode.DATABASE_UNAVAILABLE,
        message: `The user database is unavailable; retry later (error id ${errorId})`,
      },
    };
  }
  return {
    errorId,
    body: {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: CustomerErrorCode.INTERNAL_ERROR,
      message: `Internal error (error id ${errorId})`,
    },
  };
}

/** customer's own answer: the error's status with `{ statusCode, code, message }`. */
export function nativeErrorAnswer(exception: unknown): ErrorAnswer {
  const { body, errorId } = toErrorResponse(exception);
  return { status: body.statusCode, body, code: body.code, errorId };
}
