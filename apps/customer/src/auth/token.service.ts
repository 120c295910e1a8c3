import { parseSnowflakeId } from '@app/common';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService, JwtVerifyOptions, TokenExpiredError } from '@nestjs/jwt';

import { CustomerConfig, tokenLifetimeSeconds } from '../config/customer.env';
import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { maskPhone } from '../users/phone-mask';
import { CommonUser } from '../users/user.entity';
import { SigningKeys } from './signing-keys';

/** userType of a mini-program customer, as the seed project's tokens carry it. */
export const MINI_PROGRAM_USER_TYPE = 1;
export const SIGNING_KEYS = 'SIGNING_KEYS';

export interface AccessTokenClaims {
  sub: string;
  nickname: string;
  avatar: string | null;
  userType: number;
  /** The user's token version when issued: a token older than the stored one is revoked. */
  ver: number;
  /** Masked (138****0000), present once a phone is bound. */
  phone?: string;
}

export interface VerifiedClaims extends AccessTokenClaims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

export interface VerifiedToken {
  userId: bigint;
  claims: VerifiedClaims;
}

interface DecodedToken {
  header: { alg?: unknown; kid?: unknown };
  payload: unknown;
}

function invalidToken(message: string): AppException {
  return new AppException(HttpStatus.UNAUTHORIZED, CustomerErrorCode.INVALID_TOKEN, message);
}

/** Issues and verifies access tokens (RFC 8725: pinned algorithm, iss, aud, exp with a small skew). */
@Injectable()
export class TokenService {
  private readonly issuer: string;
  private readonly audience: string;
  private readonly lifetimeSeconds: number;
  private readonly clockSkewSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys,
    config: ConfigService<CustomerConfig, true>,
  ) {
    this.issuer = config.get('JWT_ISSUER', { infer: true });
    this.audience = config.get('JWT_AUDIENCE', { infer: true });
    this.lifetimeSeconds = tokenLifetimeSeconds(config.get('JWT_EXPIRES_IN', { infer: true }));
    this.clockSkewSeconds = config.get('JWT_CLOCK_SKEW_SECONDS', { infer: true });
  }

  /** A signed token for the user: sub is the id as a decimal string. */
  issue(user: CommonUser): string {
    const claims: AccessTokenClaims = {
      sub: user.id.toString(),
      nickname: user.nickname ?? '',
      avatar: user.avatar,
      userType: MINI_PROGRAM_USER_TYPE,
      ver: user.tokenVersion,
      ...(user.phone && { phone: maskPhone(user.phone) ?? undefined }),
    };
    return this.jwt.sign(claims, {
      privateKey: this.keys.signingKey,
      algorithm: this.keys.algorithm,
      expiresIn: this.lifetimeSeconds,
      issuer: this.issuer,
      audience: this.audience,
      ...(this.keys.kid && { keyid: this.keys.kid }),
    });
  }

  /** The token's user id and claims, or 401 INVALID_TOKEN saying why. */
  verify(token: string): VerifiedToken {
    const decoded = this.decode(token);
    const { alg, kid } = decoded.header;
    if (typeof alg !== 'string' || (kid !== undefined && typeof kid !== 'string')) {
      throw invalidToken('The token is not valid');
    }
    const key = this.verificationKey(alg, kid);
    let claims: VerifiedClaims;
    try {
      claims = this.jwt.verify<VerifiedClaims>(token, {
        ...key,
        algorithms: [alg as 'HS256' | 'ES256' | 'RS256'],
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: this.clockSkewSeconds,
      });
    } catch (error) {
      const reason =
        error instanceof TokenExpiredError ? 'The token has expired' : 'The token is not valid';
      throw invalidToken(reason);
    }
    this.checkLifetimeClaims(claims);
    let userId: bigint;
    try {
      userId = parseSnowflakeId(String(claims.sub));
    } catch {
      throw invalidToken('The token does not name a user');
    }
    return { userId, claims };
  }

  /**
   * jsonwebtoken checks exp only when a token carries one, and never checks iat:
   * a token without exp would be good forever, one with an iat to come was made
   * by a clock (or a hand) this service does not trust.
   */
  private checkLifetimeClaims(claims: VerifiedClaims): void {
    const { exp, iat } = claims as { exp?: unknown; iat?: unknown };
    if (typeof exp !== 'number' || !Number.isFinite(exp))
      throw invalidToken('The token has no expiry');
    if (typeof iat !== 'number' || !Number.isFinite(iat))
      throw invalidToken('The token has no issue time');
    if (iat > Date.now() / 1000 + this.clockSkewSeconds)
      throw invalidToken('The token is issued in the future');
  }

  private decode(token: string): DecodedToken {
    let decoded: DecodedToken | null = null;
    try {
      decoded = this.jwt.decode<DecodedToken | null>(token, { complete: true });
    } catch {
      decoded = null;
    }
    if (!decoded || typeof decoded.payload !== 'object')
      throw invalidToken('The token is malformed');
    return decoded;
  }

  /** The key for the algorithm this service signs with, never one the token chooses (no alg confusion). */
  private verificationKey(alg: string, kid: string | undefined): JwtVerifyOptions {
    if (this.keys.algorithm === 'HS256') {
      if (alg !== 'HS256' || !this.keys.secret) throw invalidToken('The token is not valid');
      // jsonwebtoken takes KeyObjects; @nestjs/jwt's option types only name strings and Buffers.
      return { secret: this.keys.secret as unknown as string };
    }
    const published = this.keys.published.find((key) => key.kid === kid && key.algorithm === alg);
    if (!published) throw invalidToken('The token is not valid');
    return { publicKey: published.publicKey as unknown as string };
  }
}
