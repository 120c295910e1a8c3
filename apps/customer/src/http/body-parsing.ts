import { HttpStatus } from '@nestjs/common';
import { FastifyInstance } from 'fastify';

import { AppException, CustomerErrorCode } from '../errors/app.exception';

/** Requests larger than this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * JSON only: other content types get fastify's 415, and a body that is not JSON
 * gets 400 MALFORMED_JSON in the usual error shape. Parsing itself stays
 * fastify's (safe against prototype poisoning).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error, value) => {
      if (error) {
        done(
          new AppException(
            HttpStatus.BAD_REQUEST,
            CustomerErrorCode.MALFORMED_JSON,
            'The body is not valid JSON',
          ),
          undefined,
        );
      } else {
        done(null, value);
      }
    });
  });
}
