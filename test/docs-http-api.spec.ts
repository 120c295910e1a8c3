import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';

import {
  API_DOCS_JSON_PATH,
  API_DOCS_PATH,
  buildApiDocument,
} from '../apps/customer/src/docs/docs';
import { customerDocsApp } from './support/customer-docs-app';
import { markdownTable, plainText, readDoc } from './support/markdown';

const page = readDoc('docs/http-api.md');

interface ErrorContent {
  content: {
    'application/json': {
      schema: { allOf: [unknown, { properties: { code: { enum: string[] } } }] };
    };
  };
}

/** "status code" pairs of every error the OpenAPI document gives POST /login. */
function documentedLoginErrors(document: OpenAPIObject): string[] {
  return Object.entries(document.paths['/login'].post!.responses)
    .filter(([status]) => status !== '200')
    .flatMap(([status, response]) =>
      (response as unknown as ErrorContent).content[
        'application/json'
      ].schema.allOf[1].properties.code.enum.map((code) => `${status} ${code}`),
    )
    .sort();
}

/** "METHOD /path" of every operation in the document. */
function documentedOperations(document: OpenAPIObject): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe('docs/http-api.md', () => {
  let app: NestFastifyApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await customerDocsApp();
    document = buildApiDocument(app);
  });

  afterAll(() => app?.close());

  it('lists exactly the status and code pairs the OpenAPI document of POST /login gives', () => {
    const documented = markdownTable(page, '## Errors')
      .map(([status, code]) => `${status} ${plainText(code)}`)
      .sort();

    expect(documented).toEqual(documentedLoginErrors(document));
  });

  it('lists every route of the OpenAPI document, and the docs routes besides', () => {
    const listed = markdownTable(page, '## Routes')
      .flatMap(([route]) => plainText(route).split(', '))
      .sort();

    expect(listed).toEqual(
      [
        ...documentedOperations(document),
        `GET /${API_DOCS_PATH}`,
        `GET /${API_DOCS_JSON_PATH}`,
      ].sort(),
    );
  });
});
