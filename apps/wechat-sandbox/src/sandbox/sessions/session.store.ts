import { Injectable } from '@nestjs/common';

/**
 * The session_key the sandbox last issued to each user of each app, as WeChat
 * keeps it: checksession verifies signatures against it and the encrypted-data
 * endpoint encrypts with it. Every openid ever issued one is known to the app.
 */
@Injectable()
export class SessionStore {
  private readonly keys = new Map<string, string>();
  private readonly known = new Set<string>();

  record(appid: string, openid: string, sessionKey: string): void {
    const key = userKey(appid, openid);
    this.keys.set(key, sessionKey);
    this.known.add(key);
  }

  sessionKey(appid: string, openid: string): string | undefined {
    return this.keys.get(userKey(appid, openid));
  }

  /** Whether the openid is a user of the app (it logged in once). */
  isUser(appid: string, openid: string): boolean {
    return this.known.has(userKey(appid, openid));
  }

  /** The user's session ends (as when it times out on WeChat): checksession answers 87009. */
  expire(appid: string, openid: string): boolean {
    return this.keys.delete(userKey(appid, openid));
  }
}

function userKey(appid: string, openid: string): string {
  return `${appid}\n${openid}`;
}
