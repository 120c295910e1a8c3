import { sandboxOpenid, sandboxUnionid } from './identity';

/** WeChat's ids: 28 url-safe base64 characters. */
const WECHAT_ID = /^[A-Za-z0-9_-]{28}$/;

describe('sandbox identity', () => {
  describe(sandboxOpenid.name, () => {
    it('gives the same user of an app the same openid every time', () => {
      expect(sandboxOpenid('wx1', 'alice')).toBe(sandboxOpenid('wx1', 'alice'));
    });

    it('gives different users different openids', () => {
      const openids = new Set(
        Array.from({ length: 1000 }, (_, i) => sandboxOpenid('wx1', `user-${i}`)),
      );

      expect(openids.size).toBe(1000);
    });

    it('gives the same user another openid in another app, as WeChat does', () => {
      expect(sandboxOpenid('wx1', 'alice')).not.toBe(sandboxOpenid('wx2', 'alice'));
    });

    it('looks like a WeChat openid: 28 url-safe characters starting with o', () => {
      const sut = sandboxOpenid('wx1', 'alice');

      expect(sut).toMatch(WECHAT_ID);
      expect(sut.startsWith('o')).toBe(true);
    });
  });

  describe(sandboxUnionid.name, () => {
    it('gives the same user the same unionid every time, whatever the app', () => {
      expect(sandboxUnionid('alice')).toBe(sandboxUnionid('alice'));
    });

    it('gives different users different unionids', () => {
      expect(sandboxUnionid('alice')).not.toBe(sandboxUnionid('bob'));
    });

    it('looks like a WeChat id starting with u and differs from the openid', () => {
      const sut = sandboxUnionid('alice');

      expect(sut).toMatch(WECHAT_ID);
      expect(sut.startsWith('u')).toBe(true);
      expect(sut).not.toBe(sandboxOpenid('wx1', 'alice'));
    });
  });
});
