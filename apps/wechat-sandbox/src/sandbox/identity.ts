import { createHmac } from 'node:crypto';

/** Scope of unionids: one pretend WeChat open-platform account holds every sandbox app. */
const UNIONID_SCOPE = 'sandbox-open-platform-account';
/** WeChat's openids and unionids are 28 characters. */
const ID_LENGTH = 28;

/** 27 url-safe characters that depend only on (kind, scope, user). */
function derive(kind: 'openid' | 'unionid', scope: string, user: string): string {
  return createHmac('sha256', `${kind}:${scope}`)
    .update(user)
    .digest('base64url')
    .slice(0, ID_LENGTH - 1);
}

/** openids are per mini-program: the same user of one appid always gets the same one ("o…", 28 chars). */
export function sandboxOpenid(appid: string, user: string): string {
  return `o${derive('openid', appid, user)}`;
}

/** unionids are per developer account, the same across its mini-programs ("u…", 28 chars). */
export function sandboxUnionid(user: string): string {
  return `u${derive('unionid', UNIONID_SCOPE, user)}`;
}
