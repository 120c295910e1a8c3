import fc from 'fast-check';

import { BODY_LIMIT_BYTES } from '../apps/customer/src/http/body-parsing';
import { mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '👨‍👩‍👧‍👦',
  '🐼'.repeat(40),
  'x'.repeat(10_000),
  '<script>alert(1)</script>',
  "'; DROP TABLE common_user; --",
  '__proto__',
  'https://example.com/' + 'a'.repeat(600),
  'javascript:alert(1)',
  '\ud800',
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.webUrl(),
);
const anyValue = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
);
const body = fc.oneof(
  fc.record({ code: anyValue, nickname: anyValue, avatar: anyValue }, { requiredKeys: [] }),
  fc.dictionary(
    fc.oneof(
      fc.constantFrom('code', 'nickname', 'avatar', '__proto__', 'constructor'),
      fc.string({ maxLength: 12 }),
    ),
    anyValue,
    { maxKeys: 5 },
  ),
  anyValue,
);

/** A body over customer's limit is refused with 413 before anything else looks at it. */
function expectedStatuses(raw: string, whenWithinLimit: number[]): number[] {
  return Buffer.byteLength(raw) > BODY_LIMIT_BYTES ? [413] : whenWithinLimit;
}

function expectDocumentedAnswer(
  response: { status: number; body: unknown },
  allowed: number[],
): void {
  expect(allowed).toContain(response.status);
  if (response.status >= 400) {
    expect(response.body).toEqual({
      statusCode: response.status,
      code: expect.any(String),
      message: expect.any(String),
    });
  }
}

describe('generated bodies', () => {
  const sut = useLoginStack('sqlite');

  it('POST /login answers every one with a documented 4xx and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (generated) => {
        const raw = JSON.stringify(generated) ?? 'null';
        const response = await request(`${sut.stack.customerUrl}/login`, { raw });
        expectDocumentedAnswer(response, expectedStatuses(raw, [400, 401]));
      }),
      { numRuns: 2000 },
    );

    expect(await sut.db.users()).toEqual([]);
  });

  it('PATCH /users/me answers every one with 200 and stores it exactly, or a documented 400 that changes nothing', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'fuzzed' });
    const login = await sut.login({ code });
    const authorization = `Bearer ${login.body.token as string}`;

    await fc.assert(
      fc.asyncProperty(body, async (generated) => {
        const before = await sut.db.users();
        const raw = JSON.stringify(generated) ?? 'null';
        const response = await request<Record<string, unknown>>(
          `${sut.stack.customerUrl}/users/me`,
          { method: 'PATCH', raw, headers: { authorization } },
        );
        expectDocumentedAnswer(response, expectedStatuses(raw, [200, 400]));
        const after = await sut.db.users();
        expect(after).toHaveLength(1);
        if (response.status === 200) {
          expect(after[0]).toMatchObject({
            nickname: response.body.nickname,
            avatar: response.body.avatar,
          });
        } else {
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
