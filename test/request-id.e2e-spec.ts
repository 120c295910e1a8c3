import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { ManagedProcess } from '../tools/local-stack/managed-process';
import { mintCode, request } from './support/http';
import { natsTestEnv } from './support/nats';
import { TestStack } from './support/stack';
import { createTestDatabase, TestDatabase } from './support/test-database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type LogLine = Record<string, unknown> & { msg?: string };

/** The JSON lines a process wrote (anything else it wrote is skipped). */
function jsonLines(process: ManagedProcess): LogLine[] {
  return process.output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** The first line that matches, waiting a little: a line can land just after the answer. */
async function lineOf(
  process: ManagedProcess,
  matches: (line: LogLine) => boolean,
): Promise<LogLine | undefined> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const found = jsonLines(process).find(matches);
    if (found) return found;
    await sleep(50);
  }
  return undefined;
}

/** customer's request line of a POST /login with this id. */
const customerLoginLine = (stack: TestStack, requestId: string) =>
  lineOf(stack.customer, (line) => {
    const req = line.req as { id?: unknown; url?: unknown } | undefined;
    return req?.id === requestId && req.url === '/login';
  });

/** publics' line about the code exchange of the request with this id. */
const publicsExchangeLine = (stack: TestStack, requestId: string) =>
  lineOf(
    stack.publics,
    (line) => line.requestId === requestId && /login code/i.test(String(line.msg)),
  );

describe.each([
  ['TCP', {}],
  ['NATS', natsTestEnv()],
])('one request id across customer and publics over %s', (_transport, env) => {
  let db: TestDatabase;
  let stack: TestStack;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    stack = await TestStack.start({ database: db, env });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  const login = async (headers: Record<string, string> = {}, user = 'follow-me') => {
    const { code } = await mintCode(stack.sandboxUrl, { user });
    const response = await request(`${stack.customerUrl}/login`, { body: { code }, headers });
    return { ...response, code };
  };

  it('follows one login by its X-Request-Id through both services, without its code', async () => {
    const requestId = `e2e-follow-${randomBytes(6).toString('hex')}`;

    const response = await login({ 'x-request-id': requestId });

    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(await customerLoginLine(stack, requestId)).toMatchObject({
      name: 'customer',
      res: { statusCode: 200 },
    });
    const exchange = await publicsExchangeLine(stack, requestId);
    expect(exchange).toMatchObject({
      name: 'publics',
      level: 30,
      msg: 'Exchanged a login code',
      durationMs: expect.any(Number),
    });
    expect(JSON.stringify(exchange)).not.toContain(response.code);
  });

  it('follows a failed login too: publics logs the refusal at warn under the same id', async () => {
    const requestId = `e2e-follow-${randomBytes(6).toString('hex')}`;
    const { code } = await mintCode(stack.sandboxUrl, { user: 'refused', errcode: 40029 });

    const response = await request(`${stack.customerUrl}/login`, {
      body: { code },
      headers: { 'x-request-id': requestId },
    });

    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(await publicsExchangeLine(stack, requestId)).toMatchObject({
      level: 40,
      errcode: 40029,
      errorCode: 'INVALID_LOGIN_CODE',
    });
  });

  it('gives a login without X-Request-Id a generated id, answered and logged by both', async () => {
    const response = await login();

    const requestId = response.headers.get('x-request-id') ?? '';
    expect(requestId).toMatch(UUID);
    expect(await customerLoginLine(stack, requestId)).toBeDefined();
    expect(await publicsExchangeLine(stack, requestId)).toBeDefined();
  });

  it.each([
    ['300 characters long', 'x'.repeat(300)],
    ['with spaces', 'not a valid id'],
  ])(
    'replaces an incoming id %s by a generated one, which both services log',
    async (_case, incoming) => {
      const response = await login({ 'x-request-id': incoming });

      expect(response.status).toBe(200);
      const requestId = response.headers.get('x-request-id') ?? '';
      expect(requestId).toMatch(UUID);
      expect(await customerLoginLine(stack, requestId)).toBeDefined();
      expect(await publicsExchangeLine(stack, requestId)).toBeDefined();
      expect(stack.customer.output + stack.publics.output).not.toContain(incoming);
    },
  );
});
