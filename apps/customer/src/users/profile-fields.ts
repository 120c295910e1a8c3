import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUrl, Matches, ValidateBy } from 'class-validator';

export const NICKNAME_MAX_LENGTH = 32;
export const AVATAR_MAX_LENGTH = 512;
/**
 * No control characters (NUL, newlines, escapes) and no lone surrogates: the
 * latter are not text, and a database stores them as something else.
 */
export const PRINTABLE_TEXT = /^[^\p{Cc}\p{Cs}]*$/u;

/**
 * Length in Unicode code points, which is what the database's varchar counts
 * (MySQL/MariaDB utf8mb4). class-validator's Length/MaxLength count otherwise:
 * validator.js leaves out variation selectors (U+FE0E/U+FE0F) after a
 * character, so a value it finds short enough could overflow the column.
 */
export function CodePointLength(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'codePointLength',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        const length = [...value].length;
        return length >= min && length <= max;
      },
      defaultMessage: (args) =>
        min > 0
          ? `${args?.property} must be ${min} to ${max} characters (Unicode code points) long`
          : `${args?.property} must be at most ${max} characters (Unicode code points) long`,
    },
  });
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A nickname: trimmed, 1–32 code points of printable text. Whether it is optional is the DTO's call. */
export function NicknameRules(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description,
      minLength: 1,
      maxLength: NICKNAME_MAX_LENGTH,
      example: '小明',
    }),
    Transform(trim),
    IsString(),
    CodePointLength(1, NICKNAME_MAX_LENGTH),
    Matches(PRINTABLE_TEXT, {
      message: 'nickname must not contain control characters or invalid Unicode',
    }),
  );
}

/** An avatar: an http(s) URL of at most 512 code points. Whether it is optional is the DTO's call. */
export function AvatarUrlRules(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description,
      format: 'uri',
      maxLength: AVATAR_MAX_LENGTH,
      example: 'https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132',
    }),
    IsString(),
    CodePointLength(0, AVATAR_MAX_LENGTH),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true },
      { message: 'avatar must be an http(s) URL' },
    ),
  );
}
