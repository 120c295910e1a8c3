import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { Code2SessionRequest, isRequestId } from './code2session.dto';

const strict = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

/** The names of the fields that fail validation. */
function invalidFields(payload: object): string[] {
  const sut = plainToInstance(Code2SessionRequest, payload);
  return validateSync(sut, strict).map((error) => error.property);
}

describe(Code2SessionRequest.name, () => {
  it('accepts a code alone, as callers that send no request id do', () => {
    expect(invalidFields({ code: 'abc' })).toEqual([]);
  });

  it.each([
    ['a uuid', '9b2f6c1e-3d4a-4f5b-8c7d-0e1f2a3b4c5d'],
    ['letters, digits, _ . : -', 'e2e-follow_1.2:3'],
    ['one character', 'x'],
    ['128 characters', 'r'.repeat(128)],
  ])('accepts a request id made of %s', (_case, requestId) => {
    expect(invalidFields({ code: 'abc', requestId })).toEqual([]);
  });

  it.each([
    ['an empty string', ''],
    ['129 characters', 'r'.repeat(129)],
    ['a space', 'has space'],
    ['a newline', 'line\nbreak'],
    ['a slash', 'a/b'],
    ['non-ASCII letters', 'ид'],
    ['a number', 42],
    ['null', null],
  ])('refuses %s as a request id', (_case, requestId) => {
    expect(invalidFields({ code: 'abc', requestId })).toEqual(['requestId']);
  });

  it.each([
    ['a lone surrogate', '\ud800'],
    ['a NUL', 'a\u0000b'],
    ['a newline', 'code\n'],
    ['an empty string', ''],
    ['129 characters', 'c'.repeat(129)],
  ])('refuses %s as a code', (_case, code) => {
    expect(invalidFields({ code })).toEqual(['code']);
  });

  it('still refuses unknown fields', () => {
    expect(invalidFields({ code: 'abc', requestID: 'x' })).toEqual(['requestID']);
  });
});

describe(isRequestId.name, () => {
  it('applies the same rule as the payload validation', () => {
    expect(isRequestId('e2e-follow-1')).toBe(true);
    expect(isRequestId('has space')).toBe(false);
    expect(isRequestId('r'.repeat(129))).toBe(false);
    expect(isRequestId(undefined)).toBe(false);
    expect(isRequestId(7)).toBe(false);
  });
});
