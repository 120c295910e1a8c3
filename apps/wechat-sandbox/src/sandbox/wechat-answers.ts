import { randomBytes } from 'node:crypto';

const errmsgs: Record<number, string> = {
  [-1]: 'system error',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40226: 'high risk user',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
};

export interface WechatErrorAnswer {
  errcode: number;
  errmsg: string;
}

export interface WechatSessionAnswer {
  session_key: string;
  openid: string;
  unionid: string;
}

/** An error body as WeChat writes it, with its request id on the message. */
export function wechatError(errcode: number): WechatErrorAnswer {
  const rid = randomBytes(6).toString('hex');
  return { errcode, errmsg: `${errmsgs[errcode] ?? 'sandbox injected error'}, rid: ${rid}` };
}

export function wechatSession(openid: string, unionid: string): WechatSessionAnswer {
  return { session_key: randomBytes(16).toString('base64'), openid, unionid };
}
