import { ApiResponseNoStatusOptions, getSchemaPath, HeadersObject } from '@nestjs/swagger';

import { ErrorResponseDto } from '../errors/error-response.dto';

/**
 * An error response of a route: the one error shape with `code` narrowed to the
 * codes this status carries there, and a description saying when each happens.
 * Keys are the error code constants, so a renamed code cannot go stale here.
 */
export function errorResponse(
  whenByCode: Readonly<Record<string, string>>,
  headers?: HeadersObject,
): ApiResponseNoStatusOptions {
  const codes = Object.keys(whenByCode);
  return {
    description: codes.map((code) => `- \`${code}\`: ${whenByCode[code]}`).join('\n'),
    schema: {
      allOf: [
        { $ref: getSchemaPath(ErrorResponseDto) },
        { type: 'object', properties: { code: { type: 'string', enum: codes } } },
      ],
    },
    ...(headers && { headers }),
  };
}
