import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { SandboxEnv } from '../../config/sandbox.env';
import { randomPool } from '../random-pool';
import { SandboxClock } from '../sandbox-clock';

/** Access tokens are opaque text of these characters; anything else is malformed (40014). */
const TOKEN_PATTERN = /^[\w-]{16,512}$/;
/** 96 random bytes: 128 url-safe characters, about the length of WeChat's. */
const TOKEN_BYTES = 96;

interface IssuedToken {
  readonly appid: string;
  readonly expiresAt: number;
  revoked: boolean;
}

/** The app a valid token belongs to, or the errcode WeChat answers for it. */
export type TokenCheck = { appid: string } | { errcode: number };

/**
 * The access tokens the sandbox issues through stable_token, with its rules:
 * one current token per app, handed out again (with the seconds it has left)
 * until it expires or is revoked; force_refresh, or a revocation by a test,
 * replaces it and the old one answers 40001 from then on.
 */
@Injectable()
export class AccessTokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly current = new Map<string, string>();
  private readonly requests = new Map<string, number>();
  private readonly ttlMs: number;

  constructor(
    private readonly clock: SandboxClock,
    config: ConfigService<SandboxEnv, true>,
  ) {
    this.ttlMs = config.get('WECHAT_SANDBOX_TOKEN_TTL_SECONDS', { infer: true }) * 1000;
  }

  /** The app's current token, a new one when there is none alive or `forceRefresh`. */
  issue(appid: string, forceRefresh: boolean): { token: string; expiresInSeconds: number } {
    const now = this.clock.now();
    const held = this.current.get(appid);
    const issued = held === undefined ? undefined : this.tokens.get(held);
    if (
      held !== undefined &&
      issued &&
      !issued.revoked &&
      now < issued.expiresAt &&
      !forceRefresh
    ) {
      return { token: held, expiresInSeconds: Math.ceil((issued.expiresAt - now) / 1000) };
    }
    // A live token replaced by force_refresh is refused from now on; an expired one keeps answering 42001.
    if (issued && now < issued.expiresAt) issued.revoked = true;
    this.purge(now);
    const token = randomPool.base64url(TOKEN_BYTES);
    this.tokens.set(token, { appid, expiresAt: now + this.ttlMs, revoked: false });
    this.current.set(appid, token);
    return { token, expiresInSeconds: Math.ceil(this.ttlMs / 1000) };
  }

  /** What WeChat says about a token a call carries. */
  check(token: string | undefined): TokenCheck {
    if (token === undefined || token === '') return { errcode: 41001 };
    if (!TOKEN_PATTERN.test(token)) return { errcode: 40014 };
    const issued = this.tokens.get(token);
    if (!issued || issued.revoked) return { errcode: 40001 };
    if (this.clock.now() >= issued.expiresAt) return { errcode: 42001 };
    return { appid: issued.appid };
  }

  /** Revokes the app's current token (a test playing another system's force_refresh). */
  revoke(appid: string): boolean {
    const held = this.current.get(appid);
    const issued = held === undefined ? undefined : this.tokens.get(held);
    if (!issued || issued.revoked) return false;
    issued.revoked = true;
    return true;
  }

  countRequest(appid: string): void {
    this.requests.set(appid, (this.requests.get(appid) ?? 0) + 1);
  }

  /** stable_token requests that named `appid` since the sandbox started. */
  requestCount(appid: string): number {
    return this.requests.get(appid) ?? 0;
  }

  /** Tokens dead for a day answer 40001 like unknown ones: forget them. */
  private purge(now: number): void {
    for (const [token, issued] of this.tokens) {
      if (now >= issued.expiresAt + 86_400_000) this.tokens.delete(token);
    }
  }
}
