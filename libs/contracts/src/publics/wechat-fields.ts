import { IsString, Matches, ValidateIf } from 'class-validator';

/** An appid as publics accepts it: 1–64 letters, digits, `_` or `-` (WeChat's are `wx` and 16 hex digits). */
export const APPID_PATTERN = /^[\w-]{1,64}$/;

/** An openid: 1–128 letters, digits, `_` or `-` (WeChat's are 28 url-safe base64 characters). */
export const OPENID_PATTERN = /^[\w-]{1,128}$/;

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/**
 * `appid` of a payload: optional, the first configured mini-program when left out;
 * null and empty strings are refused rather than read as "the default".
 */
export function OptionalAppid(): PropertyDecorator {
  return compose(
    ValidateIf((_request: object, value: unknown) => value !== undefined),
    IsString(),
    Matches(APPID_PATTERN, {
      message: 'appid must be 1-64 letters, digits, underscores or hyphens',
    }),
  );
}

/** `openid` of a payload: the user as WeChat knows them in the mini-program. */
export function Openid(): PropertyDecorator {
  return compose(
    IsString(),
    Matches(OPENID_PATTERN, {
      message: 'openid must be 1-128 letters, digits, underscores or hyphens',
    }),
  );
}

/** Every answer of the WeChat patterns names the mini-program that served it. */
export interface ServedByApp {
  /** The appid whose credentials and session keys answered the call. */
  appid: string;
}
