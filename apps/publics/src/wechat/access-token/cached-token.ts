/** An access token as publics keeps it, in memory and in Redis. */
export interface CachedToken {
  readonly token: string;
  /** When WeChat stops accepting it, epoch ms (from the moment the request for it left). */
  readonly expiresAt: number;
  /** From when on the next caller fetches a new one, epoch ms. */
  readonly refreshAt: number;
}

/** Refresh this long before expiry, so callers never hold a token about to die. */
export const REFRESH_AHEAD_MS = 5 * 60_000;

/**
 * The token WeChat answered, with its refresh time: REFRESH_AHEAD_MS before
 * expiry, or half-way through a short life. stable_token answers the same token
 * until it expires (with the seconds it has left), so a token fetched late in
 * its life is not fetched again on every call, only at ever shorter intervals.
 */
export function cachedToken(
  token: string,
  expiresInSeconds: number,
  fetchedAt: number,
): CachedToken {
  const lifetimeMs = expiresInSeconds * 1000;
  const expiresAt = fetchedAt + lifetimeMs;
  return { token, expiresAt, refreshAt: expiresAt - Math.min(REFRESH_AHEAD_MS, lifetimeMs / 2) };
}

/** Serve it without asking anyone. */
export function isFresh(entry: CachedToken | undefined, now: number): entry is CachedToken {
  return entry !== undefined && now < entry.refreshAt;
}

/** Still accepted by WeChat: good enough when a refresh fails. */
export function isUsable(entry: CachedToken | undefined, now: number): entry is CachedToken {
  return entry !== undefined && now < entry.expiresAt;
}

/** Reads what another instance stored; anything else is treated as absent. */
export function parseCachedToken(raw: string | null): CachedToken | undefined {
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<CachedToken>;
    if (
      typeof value.token === 'string' &&
      value.token.length > 0 &&
      typeof value.expiresAt === 'number' &&
      typeof value.refreshAt === 'number'
    ) {
      return { token: value.token, expiresAt: value.expiresAt, refreshAt: value.refreshAt };
    }
  } catch {
    // Not ours: absent.
  }
  return undefined;
}
