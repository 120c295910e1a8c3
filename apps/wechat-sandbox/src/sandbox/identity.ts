import { createHmac } from 'node:crypto';

function derive(kind: string, scope: string, user: string): string {
  return createHmac('sha256', `${kind}:${scope}`).update(user).digest('base64url').slice(0, 27);
}

/** openids are per mini-program: the same user of one appid always gets the same one (28 chars, "o…"). */
export function sandboxOpenid(appid: string, user: string): string {
  return `o${derive('openid', appid, user)}`;
}

/** unionids are per developer account, the same across its mini-programs (28 chars, "u…"). */
export function sandboxUnionid(user: string): string {
  return `u${derive('unionid', 'sandbox-account', user)}`;
}
