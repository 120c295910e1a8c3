import { IsString, MaxLength, MinLength } from 'class-validator';

/** Payload of `auth.introspect`. */
export class IntrospectRequest {
  /** The access token, as the client sent it (without "Bearer "). */
  @IsString()
  @MinLength(1)
  @MaxLength(8192)
  token!: string;
}

/**
 * RFC 7662: `active: false` and nothing else for a token that is not valid,
 * expired, revoked (logout), or whose user is frozen or deleted.
 */
export type IntrospectResult =
  { active: false } | { active: true; sub: string; userType: number; exp: number };
