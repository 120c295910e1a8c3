import { randomPool } from './random-pool';

/** WeChat's errmsg for the errcodes the sandbox answers. */
const ERRMSGS: ReadonlyMap<number, string> = new Map([
  [-1, 'system error'],
  [40001, 'invalid credential, access_token is invalid or not latest'],
  [40003, 'invalid openid'],
  [40014, 'invalid access_token'],
  [40037, 'invalid template_id'],
  [41001, 'access_token missing'],
  [41030, 'invalid page'],
  [42001, 'access_token expired'],
  [43101, 'user refuse to accept the msg'],
  [45009, 'reach max api daily quota limit'],
  [47001, 'data format error'],
  [47003, 'argument invalid!'],
  [87009, 'invalid signature'],
  [40002, 'invalid grant_type'],
  [40013, 'invalid appid'],
  [40029, 'invalid code'],
  [40125, 'invalid appsecret'],
  [40163, 'code been used'],
  [40226, 'high risk user'],
  [41002, 'appid missing'],
  [41004, 'appsecret missing'],
  [41008, 'missing code'],
  [45011, 'api minute-quota reach limit  mustslower  retry next minute'],
]);
const INJECTED_ERRMSG = 'sandbox injected error';

/** jscode2session's error body. */
export interface WechatErrorAnswer {
  errcode: number;
  errmsg: string;
}

/** jscode2session's success body (WeChat sends no errcode on success). */
export interface WechatSessionAnswer {
  session_key: string;
  openid: string;
  unionid: string;
}

/** A request id shaped like WeChat's: hex seconds, then two random hex words ("6836b3e5-1b2c3d4e-5f6a7b8c"). */
export function wechatRid(nowMs: number = Date.now()): string {
  const random = randomPool.hex(8);
  return `${Math.floor(nowMs / 1000).toString(16)}-${random.slice(0, 8)}-${random.slice(8)}`;
}

/** An error body as WeChat writes it, its request id at the end of the message. */
export function wechatError(errcode: number): WechatErrorAnswer {
  return { errcode, errmsg: `${ERRMSGS.get(errcode) ?? INJECTED_ERRMSG}, rid: ${wechatRid()}` };
}

/** A success body with a fresh session_key: 16 random bytes, 24 base64 characters. */
export function wechatSession(openid: string, unionid: string): WechatSessionAnswer {
  return { session_key: randomPool.base64(16), openid, unionid };
}

/** WeChat's answer to a successful call that carries data: errcode 0, errmsg "ok". */
export function wechatOk<T extends object>(data: T): T & { errcode: 0; errmsg: 'ok' } {
  return { errcode: 0, errmsg: 'ok', ...data };
}
