/**
 * Profile values whose length validator.js (class-validator's Length/MaxLength)
 * counts differently from the database: it does not count a variation selector
 * (U+FE0E/U+FE0F) after a character, and counts a surrogate pair once. MySQL's
 * varchar counts code points.
 */
const codePoints = (value: string) => [...value].length;

function checked(value: string, expected: number): string {
  if (codePoints(value) !== expected) throw new Error(`expected ${expected} code points`);
  return value;
}

/** 814 code points, 414 to validator.js: overflows varchar(512) if the rule counts like validator.js. */
export const AVATAR_OVER_512_CODE_POINTS = checked('https://e.com/' + 'x\uFE0F'.repeat(400), 814);

/** Exactly 512 code points (634 UTF-16 units) of emoji and variation selectors: the longest avatar allowed. */
export const AVATAR_OF_512_CODE_POINTS = checked(
  'https://img.example.com/' + '😀\uFE0Fa\uFE0E'.repeat(122),
  512,
);

/** 34 code points, 17 to validator.js. */
export const NICKNAME_OVER_32_CODE_POINTS = checked('❤\uFE0F'.repeat(17), 34);

/** Exactly 32 code points of emoji and variation selectors: the longest nickname allowed. */
export const NICKNAME_OF_32_CODE_POINTS = checked('🐼❤\uFE0F'.repeat(10) + '小明', 32);
