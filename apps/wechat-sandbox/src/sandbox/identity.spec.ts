import { sandboxOpenid, sandboxUnionid } from './identity';

describe(sandboxOpenid.name, () => {
  it('gives the same user the same openid every time', () => {
    expect(sandboxOpenid('wx1', 'alice')).toBe(sandboxOpenid('wx1', 'alice'));
  });

  it('gives different users, and the same user in another app, different openids', () => {
    expect(sandboxOpenid('wx1', 'alice')).not.toBe(sandboxOpenid('wx1', 'bob'));
    expect(sandboxOpenid('wx1', 'alice')).not.toBe(sandboxOpenid('wx2', 'alice'));
  });

  it('looks like a WeChat openid: 28 url-safe characters starting with o', () => {
    expect(sandboxOpenid('wx1', 'alice')).toMatch(/^o[\w-]{27}$/);
  });

  it('gives a unionid that is stable per user and differs from the openid', () => {
    expect(sandboxUnionid('alice')).toBe(sandboxUnionid('alice'));
    expect(sandboxUnionid('alice')).toMatch(/^u[\w-]{27}$/);
    expect(sandboxUnionid('alice')).not.toBe(sandboxUnionid('bob'));
  });
});
