import { PublicsErrorCode } from '@app/contracts';

import { mapWechatErrcode } from './wechat-errors';

describe(mapWechatErrcode.name, () => {
  it.each([
    [40029, PublicsErrorCode.INVALID_LOGIN_CODE],
    [40163, PublicsErrorCode.INVALID_LOGIN_CODE],
    [45011, PublicsErrorCode.WECHAT_RATE_LIMITED],
    [40226, PublicsErrorCode.WECHAT_USER_BLOCKED],
    [-1, PublicsErrorCode.WECHAT_UNAVAILABLE],
    [40013, PublicsErrorCode.WECHAT_MISCONFIGURED],
    [40125, PublicsErrorCode.WECHAT_MISCONFIGURED],
    [41002, PublicsErrorCode.WECHAT_MISCONFIGURED],
    [41004, PublicsErrorCode.WECHAT_MISCONFIGURED],
  ])('maps errcode %i to %s and keeps the errcode', (errcode, code) => {
    const sut = mapWechatErrcode(errcode, 'some errmsg, rid: 1234');

    expect(sut).toEqual({
      code,
      message: expect.any(String),
      errcode,
      errmsg: 'some errmsg, rid: 1234',
    });
  });

  it('maps an unknown errcode to WECHAT_ERROR with errcode and errmsg in the message', () => {
    const sut = mapWechatErrcode(48001, 'api unauthorized');

    expect(sut).toEqual({
      code: PublicsErrorCode.WECHAT_ERROR,
      message: expect.stringContaining('48001: api unauthorized'),
      errcode: 48001,
      errmsg: 'api unauthorized',
    });
  });

  it('leaves errmsg out when WeChat sent none', () => {
    expect(mapWechatErrcode(40029, undefined)).not.toHaveProperty('errmsg');
  });

  it('maps 40029 from getuserphonenumber to INVALID_PHONE_CODE, saying which code to send', () => {
    const sut = mapWechatErrcode(40029, 'invalid code', 'getuserphonenumber');

    expect(sut.code).toBe(PublicsErrorCode.INVALID_PHONE_CODE);
    expect(sut.message).toMatch(/phone code is invalid.*getPhoneNumber.*not a wx\.login code/);
    expect(mapWechatErrcode(40029, 'invalid code', 'jscode2session').code).toBe(
      PublicsErrorCode.INVALID_LOGIN_CODE,
    );
  });

  it.each([
    [40001, 'msg_sec_check', PublicsErrorCode.WECHAT_ACCESS_TOKEN_REJECTED],
    [40014, 'checksession', PublicsErrorCode.WECHAT_ACCESS_TOKEN_REJECTED],
    [42001, 'subscribe_send', PublicsErrorCode.WECHAT_ACCESS_TOKEN_REJECTED],
    [40001, 'stable_token', PublicsErrorCode.WECHAT_MISCONFIGURED],
    [45009, 'stable_token', PublicsErrorCode.WECHAT_RATE_LIMITED],
    [40003, 'msg_sec_check', PublicsErrorCode.INVALID_OPENID],
    [43101, 'subscribe_send', PublicsErrorCode.SUBSCRIPTION_REFUSED],
    [40037, 'subscribe_send', PublicsErrorCode.INVALID_TEMPLATE],
    [47003, 'subscribe_send', PublicsErrorCode.INVALID_TEMPLATE_DATA],
    [41030, 'subscribe_send', PublicsErrorCode.INVALID_PAGE],
  ] as const)('maps %i from %s to %s', (errcode, api, code) => {
    expect(mapWechatErrcode(errcode, undefined, api).code).toBe(code);
  });
});
