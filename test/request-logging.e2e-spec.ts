import { setTimeout as sleep } from 'node:timers/promises';

import { mintCode, request } from './support/http';
import { TestStack } from './support/stack';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** customer's request lines (one per answered request), as JSON. */
function requestLines(stack: TestStack): { req?: { url?: string }; res?: unknown }[] {
  return stack.customer.output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { req?: { url?: string }; res?: unknown })
    .filter((line) => line.req !== undefined && line.res !== undefined);
}

describe('request lines under LOG_LEVEL=warn', () => {
  let db: TestDatabase;
  let stack: TestStack;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    stack = await TestStack.start({ database: db, env: { LOG_LEVEL: 'warn' } });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  it('writes no line for answered logins, good or refused, and still warns', async () => {
    const { code } = await mintCode(stack.sandboxUrl, { user: 'quiet-log' });
    const ok = await request(`${stack.customerUrl}/login`, { body: { code } });
    const refused = await request(`${stack.customerUrl}/login`, { body: { code } });
    const invalid = await request(`${stack.customerUrl}/login`, { body: { code: '' } });
    await sleep(300);

    expect([ok.status, refused.status, invalid.status]).toEqual([200, 401, 400]);
    expect(requestLines(stack)).toEqual([]);
    // The level drops info lines only: publics' warning about the reused code is written.
    expect(stack.publics.output).toMatch(/"level":40/);
  });
});
