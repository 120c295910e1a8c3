/** Who logs in: an openid of one mini-program, and the unionid when WeChat gave one. */
export interface WechatLogin {
  appid: string;
  openid: string;
  unionid?: string;
}
