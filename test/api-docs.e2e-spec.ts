import { existsSync } from 'node:fs';

import { Browser, chromium } from 'playwright-core';

import { mintCode, request } from './support/http';
import { readOpenApiFixture } from './support/openapi-fixture';
import { TestStack } from './support/stack';
import { createTestDatabase, TestDatabase } from './support/test-database';

const CHROMIUM = '/usr/bin/chromium';

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }>;
    securitySchemes?: Record<string, unknown>;
  };
}

interface OpenApiOperation {
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

/** Swagger UI in a real browser; installs nothing: Chromium must be there already. */
async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: this test drives Swagger UI in a real headless Chromium. ` +
        'Install it first: apt-get update && apt-get install -y chromium (.ci/run does so in CI).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

describe('API docs at /docs', () => {
  let db: TestDatabase;
  let stack: TestStack;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    stack = await TestStack.start({ database: db });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  it('serves an OpenAPI document at /docs-json with POST /login, its body and every error', async () => {
    const { status, headers, body } = await request<OpenApiDocument>(
      `${stack.customerUrl}/docs-json`,
    );

    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    const login = body.paths['/login']?.post;
    expect(login).toBeDefined();
    expect(login.requestBody?.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/LoginDto',
    );
    const loginDto = body.components.schemas.LoginDto;
    expect(loginDto.required).toEqual(['code']);
    expect(Object.keys(loginDto.properties).sort()).toEqual([
      'appid',
      'avatar',
      'code',
      'nickname',
      'phoneCode',
    ]);
    expect(Object.keys(login.responses).sort()).toEqual(
      ['200', '400', '401', '403', '409', '413', '415', '429', '500', '502', '503', '504'].sort(),
    );
    for (const [status, code] of [
      ['400', 'VALIDATION_FAILED'],
      ['401', 'INVALID_LOGIN_CODE'],
      ['403', 'ACCOUNT_FROZEN'],
      ['429', 'TOO_MANY_REQUESTS'],
      ['502', 'WECHAT_MISCONFIGURED'],
      ['503', 'PUBLICS_UNAVAILABLE'],
      ['504', 'PUBLICS_TIMEOUT'],
    ]) {
      const response = login.responses[status];
      expect({ status, description: response.description }).toEqual({
        status,
        description: expect.stringContaining(`\`${code}\``),
      });
      expect(JSON.stringify(response.content)).toContain('#/components/schemas/ErrorResponse');
    }
    expect(body.components.schemas.ErrorResponse.required).toEqual([
      'statusCode',
      'code',
      'message',
    ]);
    expect(body.components.securitySchemes?.bearer).toMatchObject({ scheme: 'bearer' });
  });

  it('serves the reviewed document of test/fixtures/openapi.json (see test/openapi-document.spec.ts)', async () => {
    const { status, body } = await request<unknown>(`${stack.customerUrl}/docs-json`);

    expect(status).toBe(200);
    expect(body).toEqual(readOpenApiFixture());
  });

  it('logs in through Swagger UI in a real browser: POST /login, Try it out, Execute', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const failedAssets: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) failedAssets.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(`${stack.customerUrl}/docs`);

      const operation = page.locator('.opblock-post', {
        has: page.locator('.opblock-summary-path', { hasText: /^\/login$/ }),
      });
      await operation.locator('.opblock-summary').click();
      await operation.getByRole('button', { name: 'Try it out' }).click();
      const { code } = await mintCode(stack.sandboxUrl, { user: 'swagger-ui-user' });
      await operation.locator('textarea.body-param__text').fill(JSON.stringify({ code }));
      await operation.getByRole('button', { name: 'Execute' }).click();

      const answer = operation.locator('.live-responses-table .response').first();
      await answer.locator('.response-col_status', { hasText: '200' }).waitFor();
      const shown = await answer.locator('.response-col_description pre').first().textContent();
      const body = JSON.parse(shown ?? '') as { token: unknown; user: { id: unknown } };

      expect(body.token).toEqual(expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/));
      const [row] = await db.users();
      expect(body.user.id).toBe(row.id);
      expect(failedAssets).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
