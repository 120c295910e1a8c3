import { wechatError, wechatRid, wechatSession } from './wechat-answers';

describe('WeChat answers', () => {
  describe(wechatError.name, () => {
    it.each([
      [41002, 'appid missing'],
      [41004, 'appsecret missing'],
      [41008, 'missing code'],
      [40002, 'invalid grant_type'],
      [40013, 'invalid appid'],
      [40125, 'invalid appsecret'],
      [40029, 'invalid code'],
      [40163, 'code been used'],
      [45011, 'api minute-quota reach limit  mustslower  retry next minute'],
      [40226, 'high risk user'],
      [-1, 'system error'],
      [61234, 'sandbox injected error'],
    ])('writes errcode %i with WeChat’s message %p and a request id', (errcode, message) => {
      const sut = wechatError(errcode);

      expect(sut).toEqual({ errcode, errmsg: expect.any(String) });
      expect(sut.errmsg.startsWith(`${message}, rid: `)).toBe(true);
      expect(sut.errmsg).toMatch(/, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    });
  });

  describe(wechatRid.name, () => {
    it('starts with the time in hex seconds and differs on every call', () => {
      const sut = wechatRid(0x6836b3e5 * 1000);

      expect(sut).toMatch(/^6836b3e5-[0-9a-f]{8}-[0-9a-f]{8}$/);
      expect(wechatRid()).not.toBe(wechatRid());
    });
  });

  describe(wechatSession.name, () => {
    it('answers a fresh 24-character base64 session_key with the ids and no errcode', () => {
      const sut = wechatSession('o-id', 'u-id');

      expect(sut).toEqual({ session_key: expect.any(String), openid: 'o-id', unionid: 'u-id' });
      expect(sut.session_key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(wechatSession('o-id', 'u-id').session_key).not.toBe(sut.session_key);
    });
  });
});
