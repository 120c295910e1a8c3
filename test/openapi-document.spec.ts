import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { buildApiDocument } from '../apps/customer/src/docs/docs';
import { customerDocsApp } from './support/customer-docs-app';
import {
  OPENAPI_FIXTURE,
  readOpenApiFixture,
  UPDATE_OPENAPI_FIXTURE,
  writeOpenApiFixture,
} from './support/openapi-fixture';

/**
 * customer's OpenAPI document is pinned in test/fixtures/openapi.json, so that
 * moving decorators around cannot change the API's description unnoticed. When
 * the API changes on purpose, regenerate the fixture and review its diff:
 *
 *   UPDATE_OPENAPI_FIXTURE=1 npx jest test/openapi-document.spec.ts
 */
describe('customer OpenAPI document', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await customerDocsApp();
  });

  afterAll(() => app?.close());

  it('is the reviewed document of test/fixtures/openapi.json', () => {
    // Through JSON, as /docs-json serves it: undefined properties drop out.
    const sut = JSON.parse(JSON.stringify(buildApiDocument(app))) as unknown;
    if (process.env[UPDATE_OPENAPI_FIXTURE] === '1') {
      writeOpenApiFixture(buildApiDocument(app));
      console.warn(`${UPDATE_OPENAPI_FIXTURE}=1: rewrote ${OPENAPI_FIXTURE}; review its diff`);
    }

    expect(sut).toEqual(readOpenApiFixture());
  });
});
