import fc from 'fast-check';

import { BODY_LIMIT_BYTES } from '../apps/customer/src/http/body-parsing';
import { JsonResponse, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { AVATAR_OF_512_CODE_POINTS, NICKNAME_OF_32_CODE_POINTS } from './support/profile-values';
import { e2eDatabaseKinds, StoredUser } from './support/test-database';

/** At least 2000 bodies per route over the whole run, shared between the databases it runs on. */
const RUNS_PER_ROUTE = Math.ceil(2000 / e2eDatabaseKinds().length);

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '👨‍👩‍👧‍👦',
  '🐼'.repeat(40),
  '❤\uFE0F'.repeat(17),
  'x'.repeat(10_000),
  '<script>alert(1)</script>',
  "'; DROP TABLE common_user; --",
  '__proto__',
  'https://example.com/' + 'a'.repeat(600),
  'https://e.com/' + 'x\uFE0F'.repeat(400),
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

/** Nicknames every rule allows: 1–32 code points, not blank after trimming, no control characters. */
const goodNickname = fc.oneof(
  fc.constantFrom('小明', '  spaced out  ', '🐼 panda', NICKNAME_OF_32_CODE_POINTS),
  fc
    .string({
      unit: fc.constantFrom('a', 'Z', '名', '字', ' ', '🐼', 'é'),
      minLength: 1,
      maxLength: 32,
    })
    .filter((value) => value.trim() !== ''),
);
/** Avatars every rule allows: http(s) URLs of at most 512 code points. */
const goodAvatar = fc.oneof(
  fc.constantFrom(
    'https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132',
    'http://img.example.com/a.png?size=132',
    AVATAR_OF_512_CODE_POINTS,
  ),
  fc.stringMatching(/^[a-z0-9]{1,40}$/).map((path) => `https://img.example.com/${path}.png`),
);
const fuzzUser = fc.integer({ min: 0, max: 39 }).map((n) => `fuzz-user-${n}`);

type LoginCase =
  | { kind: 'generated'; body: unknown }
  /** A fresh sandbox code: with good profile values it must log in; with any values, it may. */
  | { kind: 'fresh'; mustSucceed: boolean; user: string; nickname?: unknown; avatar?: unknown };

const loginCase: fc.Arbitrary<LoginCase> = fc.oneof(
  {
    weight: 2,
    arbitrary: body.map((generated) => ({ kind: 'generated' as const, body: generated })),
  },
  fc
    .record(
      { user: fuzzUser, nickname: goodNickname, avatar: goodAvatar },
      { requiredKeys: ['user'] },
    )
    .map((fields) => ({ kind: 'fresh' as const, mustSucceed: true, ...fields })),
  fc
    .record(
      {
        user: fuzzUser,
        nickname: fc.oneof(goodNickname, anyValue),
        avatar: fc.oneof(goodAvatar, anyValue),
      },
      { requiredKeys: ['user'] },
    )
    .map((fields) => ({ kind: 'fresh' as const, mustSucceed: false, ...fields })),
);

const patchBody = fc.oneof(
  { weight: 3, arbitrary: body },
  fc.record(
    { nickname: goodNickname, avatar: fc.oneof(goodAvatar, fc.constant(null)) },
    { requiredKeys: [] },
  ),
);

/** The documented error codes, by status, of each route for a JSON body. */
const LOGIN_ERRORS: Record<number, string[]> = {
  400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
  401: ['INVALID_LOGIN_CODE'],
  413: ['PAYLOAD_TOO_LARGE'],
};
const PATCH_ERRORS: Record<number, string[]> = {
  400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
  413: ['PAYLOAD_TOO_LARGE'],
};

/** A body over customer's limit is refused with 413 before anything else looks at it. */
function expectedStatuses(raw: string, whenWithinLimit: number[]): number[] {
  return Buffer.byteLength(raw) > BODY_LIMIT_BYTES ? [413] : whenWithinLimit;
}

function expectDocumentedAnswer(
  response: { status: number; body: unknown },
  allowed: number[],
  errors: Record<number, string[]>,
): void {
  expect(allowed).toContain(response.status);
  if (response.status >= 400) {
    expect(response.body).toEqual({
      statusCode: response.status,
      code: expect.any(String),
      message: expect.any(String),
    });
    expect(errors[response.status]).toContain((response.body as { code: string }).code);
  }
}

const has = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);

interface ExpectedRow {
  id: string;
  nickname: string;
  avatar: string | null;
}

describe.each(e2eDatabaseKinds())('generated bodies on %s', (kind) => {
  const sut = useLoginStack(kind);

  it('POST /login answers each with 200 or a documented 4xx, and stores exactly the successful logins as sent', async () => {
    /** open_id → the row its first successful login made. */
    const expected = new Map<string, ExpectedRow>();

    await fc.assert(
      fc.asyncProperty(loginCase, async (generated) => {
        let sent: unknown = generated.kind === 'generated' ? generated.body : undefined;
        let openid: string | undefined;
        if (generated.kind === 'fresh') {
          const minted = await mintCode(sut.stack.sandboxUrl, { user: generated.user });
          openid = minted.openid;
          sent = {
            code: minted.code,
            ...(has(generated, 'nickname') && { nickname: generated.nickname }),
            ...(has(generated, 'avatar') && { avatar: generated.avatar }),
          };
        }
        const raw = JSON.stringify(sent) ?? 'null';
        const response: JsonResponse = await request(`${sut.stack.customerUrl}/login`, { raw });

        const fresh = generated.kind === 'fresh';
        expectDocumentedAnswer(
          response,
          expectedStatuses(raw, fresh ? [200, 400] : [400, 401]),
          LOGIN_ERRORS,
        );
        if (generated.kind === 'fresh' && generated.mustSucceed) expect(response.status).toBe(200);
        if (response.status !== 200 || !openid) return;

        const user = response.body.user as ExpectedRow;
        const first = expected.get(openid);
        if (first) {
          // An existing user is returned unchanged, whatever this login sent.
          expect(user).toEqual(first);
          return;
        }
        // As customer parsed it: JSON turns NaN and ±Infinity into null.
        const input = JSON.parse(raw) as { nickname?: unknown; avatar?: unknown };
        if (typeof input.nickname === 'string') expect(user.nickname).toBe(input.nickname.trim());
        else expect(user.nickname).toMatch(/^普通用户\d{5}$/);
        expect(user.avatar).toBe(input.avatar ?? null);
        expected.set(openid, { id: user.id, nickname: user.nickname, avatar: user.avatar });
      }),
      { numRuns: RUNS_PER_ROUTE },
    );

    expect(expected.size).toBeGreaterThan(0);
    const rows = await sut.db.users();
    const stored = (row: StoredUser) => [row.open_id, row.id, row.nickname, row.avatar];
    expect(rows.map(stored).sort()).toEqual(
      [...expected].map(([openid, row]) => [openid, row.id, row.nickname, row.avatar]).sort(),
    );
  });

  it('PATCH /users/me answers each with 200 and stores the input (trimmed), or a documented 400 that changes nothing', async () => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'fuzzed' });
    const login = await sut.login({ code });
    const authorization = `Bearer ${login.body.token as string}`;
    let changes = 0;

    await fc.assert(
      fc.asyncProperty(patchBody, async (generated) => {
        const [before] = await sut.db.users();
        const raw = JSON.stringify(generated) ?? 'null';
        const response = await request<Record<string, unknown>>(
          `${sut.stack.customerUrl}/users/me`,
          { method: 'PATCH', raw, headers: { authorization } },
        );
        expectDocumentedAnswer(response, expectedStatuses(raw, [200, 400]), PATCH_ERRORS);
        const after = await sut.db.users();
        expect(after).toHaveLength(1);
        if (response.status !== 200) {
          expect(after).toEqual([before]);
          return;
        }
        changes += 1;
        const input = JSON.parse(raw) as { nickname?: unknown; avatar?: unknown };
        const profile = {
          nickname: typeof input.nickname === 'string' ? input.nickname.trim() : before.nickname,
          avatar: has(input, 'avatar') ? input.avatar : before.avatar,
        };
        expect(after[0]).toMatchObject(profile);
        expect(response.body).toMatchObject(profile);
      }),
      { numRuns: RUNS_PER_ROUTE },
    );

    expect(changes).toBeGreaterThan(0);
  });
});
