import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { OpenAPIObject } from '@nestjs/swagger';

/** customer's OpenAPI document as reviewed: what GET /docs-json serves. */
export const OPENAPI_FIXTURE = join(__dirname, '..', 'fixtures', 'openapi.json');

/** Set to 1 to rewrite the fixture from the code when the API changes on purpose. */
export const UPDATE_OPENAPI_FIXTURE = 'UPDATE_OPENAPI_FIXTURE';

export function readOpenApiFixture(): unknown {
  return JSON.parse(readFileSync(OPENAPI_FIXTURE, 'utf8'));
}

/** Writes the document as JSON, formatted as `npm run lint` wants it. */
export function writeOpenApiFixture(document: OpenAPIObject): void {
  writeFileSync(OPENAPI_FIXTURE, JSON.stringify(document));
  execFileSync(process.execPath, [
    require.resolve('prettier/bin/prettier.cjs'),
    '--write',
    OPENAPI_FIXTURE,
  ]);
}
