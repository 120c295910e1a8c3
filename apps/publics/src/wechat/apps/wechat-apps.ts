import { APPID_PATTERN } from '@app/contracts';

/** One mini-program publics serves: its appid and app secret. */
export interface WechatApp {
  readonly appid: string;
  readonly secret: string;
}

/** The result of reading WECHAT_APPS: the apps, or why the value is refused (never echoing a secret). */
export type ParsedWechatApps = { apps: WechatApp[] } | { problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads WECHAT_APPS: a JSON list of `{ "appid": "…", "secret": "…" }`, each appid
 * once. Problems name the entry and the field, never the secret.
 */
export function parseWechatApps(raw: string): ParsedWechatApps {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { problem: 'is not JSON (expected [{"appid":"…","secret":"…"}, …])' };
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    return { problem: 'must be a non-empty JSON list of {"appid":"…","secret":"…"}' };
  }
  const apps: WechatApp[] = [];
  for (const [index, entry] of parsed.entries()) {
    if (!isRecord(entry)) return { problem: `entry ${index} is not an object` };
    const { appid, secret, ...rest } = entry;
    const unknown = Object.keys(rest);
    if (unknown.length > 0) {
      return { problem: `entry ${index} has unknown fields: ${unknown.join(', ')}` };
    }
    if (typeof appid !== 'string' || !APPID_PATTERN.test(appid)) {
      return { problem: `entry ${index}: appid must be 1-64 letters, digits, _ or -` };
    }
    if (typeof secret !== 'string' || secret.length === 0) {
      return { problem: `entry ${index} (${appid}): secret must be a non-empty string` };
    }
    apps.push({ appid, secret });
  }
  return { apps };
}

/**
 * Every mini-program publics serves, the default (the one a payload without
 * appid gets) first: WECHAT_APPID/WECHAT_SECRET when set, then WECHAT_APPS.
 * The same appid twice is accepted only with the same secret.
 */
export function mergeWechatApps(
  single: WechatApp | undefined,
  listed: readonly WechatApp[],
): { apps: WechatApp[] } | { problem: string } {
  const byAppid = new Map<string, WechatApp>();
  for (const app of single ? [single, ...listed] : listed) {
    const known = byAppid.get(app.appid);
    if (known && known.secret !== app.secret) {
      return { problem: `appid ${app.appid} is configured twice with different secrets` };
    }
    byAppid.set(app.appid, app);
  }
  return { apps: [...byAppid.values()] };
}
