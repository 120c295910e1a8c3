import { createTestDatabase, DatabaseKind, TestDatabase } from './test-database';
import { request, JsonResponse } from './http';
import { StackOptions, TestStack } from './stack';

export interface LoginFixture {
  db: TestDatabase;
  stack: TestStack;
  login(body: unknown): Promise<JsonResponse>;
}

/**
 * One database and one running stack per describe block; the user table is
 * emptied before each test so every test asserts on its own rows.
 */
export function useLoginStack(
  kind: DatabaseKind,
  options: Omit<StackOptions, 'database'> = {},
): LoginFixture {
  const fixture = {} as LoginFixture;
  beforeAll(async () => {
    fixture.db = await createTestDatabase(kind);
    fixture.stack = await TestStack.start({ ...options, database: fixture.db });
    fixture.login = (body) => request(`${fixture.stack.customerUrl}/login`, { body });
  });
  afterAll(async () => {
    await fixture.stack?.stop();
    await fixture.db?.drop();
  });
  beforeEach(async () => {
    await fixture.db.execute('DELETE FROM common_user');
    await fixture.db.execute('DELETE FROM common_user_identity');
  });
  return fixture;
}
