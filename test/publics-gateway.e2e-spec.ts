import { createDecipheriv } from 'node:crypto';

import {
  AccessTokenResult,
  CheckSessionResult,
  CheckTextResult,
  Code2SessionResult,
  DecryptResult,
  PhoneNumberResult,
  PublicsErrorCode,
  PublicsPatterns,
  SubscribeMessageResult,
} from '@app/contracts';

import { GATEWAY_APPS, GatewayStack, PublicsInstance } from './support/gateway-stack';
import { mintCode, request } from './support/http';

const [MAIN, SHOP] = GATEWAY_APPS;

/** Every gateway pattern through real TCP, against the sandbox playing two mini-programs. */
describe('publics as the WeChat gateway', () => {
  let stack: GatewayStack;
  let sut: PublicsInstance;
  const tokensSeen = new Set<string>();

  beforeAll(async () => {
    stack = await GatewayStack.start();
    sut = await stack.startPublics('publics');
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(async () => {
    await stack.clearFaults();
  });

  /** A user of `appid` logs in through publics: its session_key is stored there. */
  async function login(user: string, appid?: string): Promise<string> {
    const { code } = await mintCode(stack.sandboxUrl, { user, appid });
    const identity = await sut.send<Code2SessionResult>(PublicsPatterns.WECHAT_CODE2SESSION, {
      code,
      ...(appid && { appid }),
    });
    return identity.openid;
  }

  async function accessToken(appid?: string): Promise<AccessTokenResult> {
    const result = await sut.send<AccessTokenResult>(
      PublicsPatterns.WECHAT_ACCESS_TOKEN,
      appid ? { appid } : {},
    );
    tokensSeen.add(result.accessToken);
    return result;
  }

  describe(PublicsPatterns.WECHAT_ACCESS_TOKEN, () => {
    it('answers the default app’s token with its expiry, the same one to every caller, fetched once', async () => {
      const before = await stack.stableTokenRequests(MAIN.appid);
      const started = Date.now();

      const results = await Promise.all(Array.from({ length: 20 }, () => accessToken()));

      expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
      expect(results[0]).toEqual({
        accessToken: expect.stringMatching(/^[\w-]{100,}$/),
        expiresAt: expect.any(Number),
        appid: MAIN.appid,
      });
      expect(results[0].expiresAt).toBeGreaterThan(started + 7100_000);
      expect(results[0].expiresAt).toBeLessThanOrEqual(Date.now() + 7200_000);
      expect(await stack.stableTokenRequests(MAIN.appid)).toBe(before + 1);
    });

    it('answers another app’s own token when the payload names it', async () => {
      const main = await accessToken();
      const shop = await accessToken(SHOP.appid);

      expect(shop.appid).toBe(SHOP.appid);
      expect(shop.accessToken).not.toBe(main.accessToken);
    });

    it('refuses an appid it is not configured with, without asking WeChat', async () => {
      const before = [
        await stack.stableTokenRequests(MAIN.appid),
        await stack.stableTokenRequests(SHOP.appid),
      ];

      expect(
        await sut.failure(PublicsPatterns.WECHAT_ACCESS_TOKEN, { appid: 'wx-not-ours' }),
      ).toEqual({
        code: PublicsErrorCode.UNKNOWN_APPID,
        message: expect.stringContaining('wx-not-ours'),
      });
      expect([
        await stack.stableTokenRequests(MAIN.appid),
        await stack.stableTokenRequests(SHOP.appid),
      ]).toEqual(before);
    });

    it.each([
      ['an empty appid', { appid: '' }],
      ['a null appid', { appid: null }],
      ['an unknown field', { force_refresh: true }],
    ])('refuses %s as INVALID_PAYLOAD', async (_case, payload) => {
      expect(await sut.failure(PublicsPatterns.WECHAT_ACCESS_TOKEN, payload)).toMatchObject({
        code: PublicsErrorCode.INVALID_PAYLOAD,
      });
    });

    it('fetches the current token once after WeChat revoked the cached one (40001), and the call succeeds', async () => {
      const openid = await login('token-revoked');
      const old = await accessToken();
      const before = await stack.stableTokenRequests(MAIN.appid);
      expect(await stack.revokeToken(MAIN.appid)).toEqual({ revoked: true });

      const checks = await Promise.all(
        Array.from({ length: 10 }, () =>
          sut.send<CheckTextResult>(PublicsPatterns.WECHAT_CHECK_TEXT, {
            openid,
            content: 'hello',
            scene: 1,
          }),
        ),
      );

      expect(checks.every((check) => check.suggest === 'pass')).toBe(true);
      expect(await stack.stableTokenRequests(MAIN.appid)).toBe(before + 1);
      expect((await accessToken()).accessToken).not.toBe(old.accessToken);
    });

    it.each([40014, 42001])(
      'drops the token and retries once when WeChat answers %i, then succeeds',
      async (errcode) => {
        const openid = await login(`token-${errcode}`);
        await accessToken();
        const before = await stack.stableTokenRequests(MAIN.appid);
        await stack.injectFault({ api: 'msg_sec_check', errcode, failures: 1 });

        const check = await sut.send<CheckTextResult>(PublicsPatterns.WECHAT_CHECK_TEXT, {
          openid,
          content: 'hello',
          scene: 2,
        });

        expect(check.suggest).toBe('pass');
        expect(await stack.stableTokenRequests(MAIN.appid)).toBe(before + 1);
      },
    );

    it('gives up with WECHAT_ACCESS_TOKEN_REJECTED when the fresh token is refused too', async () => {
      const openid = await login('token-refused-twice');
      await stack.injectFault({ api: 'msg_sec_check', errcode: 40001, failures: 2 });

      expect(
        await sut.failure(PublicsPatterns.WECHAT_CHECK_TEXT, { openid, content: 'x', scene: 1 }),
      ).toMatchObject({ code: PublicsErrorCode.WECHAT_ACCESS_TOKEN_REJECTED, errcode: 40001 });
    });
  });

  describe('stable_token failures, from a cold instance', () => {
    it.each([
      ['-1 once, retried', -1, 1, undefined],
      ['-1 twice', -1, 2, PublicsErrorCode.WECHAT_UNAVAILABLE],
      ['45009 (daily quota)', 45009, 1, PublicsErrorCode.WECHAT_RATE_LIMITED],
    ])('on %s answers %s', async (_case, errcode, failures, expected) => {
      const cold = await stack.startPublics(`publics-cold-${errcode}-${failures}`);
      await stack.injectFault({ api: 'stable_token', errcode, failures });

      const outcome = await cold
        .send<AccessTokenResult>(PublicsPatterns.WECHAT_ACCESS_TOKEN, {})
        .then(
          (result) => ({ appid: result.appid }),
          (error: { code: string; errcode?: number }) => ({
            code: error.code,
            errcode: error.errcode,
          }),
        );

      expect(outcome).toEqual(expected ? { code: expected, errcode } : { appid: MAIN.appid });
    });

    it('answers WECHAT_MISCONFIGURED for a wrong secret, and never logs the secret', async () => {
      const wrong = await stack.startPublics('publics-wrong-secret', {
        WECHAT_APPS: JSON.stringify([{ appid: MAIN.appid, secret: 'not-the-right-secret' }]),
      });

      expect(await wrong.failure(PublicsPatterns.WECHAT_ACCESS_TOKEN, {})).toMatchObject({
        code: PublicsErrorCode.WECHAT_MISCONFIGURED,
        errcode: 40125,
      });
      expect(wrong.process.output).not.toContain('not-the-right-secret');
    });
  });

  describe(PublicsPatterns.WECHAT_CODE2SESSION, () => {
    it('says which app served the exchange, for the default and a named app', async () => {
      const { code, openid } = await mintCode(stack.sandboxUrl, { user: 'both' });
      const shop = await mintCode(stack.sandboxUrl, { user: 'both', appid: SHOP.appid });

      expect(await sut.send(PublicsPatterns.WECHAT_CODE2SESSION, { code })).toEqual({
        openid,
        unionid: expect.any(String),
        appid: MAIN.appid,
      });
      expect(
        await sut.send(PublicsPatterns.WECHAT_CODE2SESSION, { code: shop.code, appid: SHOP.appid }),
      ).toEqual({ openid: shop.openid, unionid: expect.any(String), appid: SHOP.appid });
      expect(shop.openid).not.toBe(openid);
    });

    it('refuses an unknown appid without exchanging the code, which stays usable', async () => {
      const { code, openid } = await mintCode(stack.sandboxUrl, { user: 'unknown-app' });

      expect(
        await sut.failure(PublicsPatterns.WECHAT_CODE2SESSION, { code, appid: 'wx-not-ours' }),
      ).toMatchObject({ code: PublicsErrorCode.UNKNOWN_APPID });
      expect(await sut.send(PublicsPatterns.WECHAT_CODE2SESSION, { code })).toMatchObject({
        openid,
      });
    });
  });

  describe(PublicsPatterns.WECHAT_PHONE_NUMBER, () => {
    const phoneCode = (body: Record<string, unknown> = {}) =>
      stack.steer<{ code: string }>('phone-codes', body).then((answer) => answer.code);

    it('answers the phone number behind a phone code, and which app served it', async () => {
      const code = await phoneCode({ purePhoneNumber: '13912345678' });

      expect(
        await sut.send<PhoneNumberResult>(PublicsPatterns.WECHAT_PHONE_NUMBER, { code }),
      ).toEqual({
        phoneNumber: '13912345678',
        purePhoneNumber: '13912345678',
        countryCode: '86',
        appid: MAIN.appid,
      });
    });

    it('answers a number outside China with its country code, for a named app', async () => {
      const code = await phoneCode({
        purePhoneNumber: '2025550100',
        countryCode: '1',
        appid: SHOP.appid,
      });

      expect(
        await sut.send(PublicsPatterns.WECHAT_PHONE_NUMBER, { code, appid: SHOP.appid }),
      ).toEqual({
        phoneNumber: '+12025550100',
        purePhoneNumber: '2025550100',
        countryCode: '1',
        appid: SHOP.appid,
      });
    });

    it('refuses a used phone code as INVALID_PHONE_CODE (40029)', async () => {
      const code = await phoneCode();
      await sut.send(PublicsPatterns.WECHAT_PHONE_NUMBER, { code });

      expect(await sut.failure(PublicsPatterns.WECHAT_PHONE_NUMBER, { code })).toEqual({
        code: PublicsErrorCode.INVALID_PHONE_CODE,
        message: expect.stringContaining('phone code'),
        errcode: 40029,
        errmsg: expect.any(String),
      });
    });

    it('says the phone code is wrong, and what to send, when given a wx.login code', async () => {
      const { code } = await mintCode(stack.sandboxUrl, { user: 'mixed-up' });

      const error = await sut.failure(PublicsPatterns.WECHAT_PHONE_NUMBER, { code });

      expect(error).toMatchObject({ code: PublicsErrorCode.INVALID_PHONE_CODE, errcode: 40029 });
      expect(error.message).toMatch(/phone code is invalid.*getPhoneNumber.*not a wx\.login code/);
    });

    it("refuses another app's phone code", async () => {
      const code = await phoneCode({ appid: SHOP.appid });

      expect(await sut.failure(PublicsPatterns.WECHAT_PHONE_NUMBER, { code })).toMatchObject({
        code: PublicsErrorCode.INVALID_PHONE_CODE,
      });
    });

    it('answers WECHAT_RATE_LIMITED for 45011 and does not retry a -1 (the code may be spent)', async () => {
      await stack.injectFault({ api: 'getuserphonenumber', errcode: 45011, failures: 1 });
      expect(
        await sut.failure(PublicsPatterns.WECHAT_PHONE_NUMBER, { code: await phoneCode() }),
      ).toMatchObject({ code: PublicsErrorCode.WECHAT_RATE_LIMITED, errcode: 45011 });

      const code = await phoneCode({ errcode: -1, failures: 1 });
      expect(await sut.failure(PublicsPatterns.WECHAT_PHONE_NUMBER, { code })).toMatchObject({
        code: PublicsErrorCode.WECHAT_UNAVAILABLE,
        errcode: -1,
      });
    });

    it.each([
      ['no code', {}],
      ['an empty code', { code: '' }],
      ['a control character', { code: 'a\u0000b' }],
      ['an unknown field', { code: 'abc', openid: 'o' }],
    ])('refuses %s as INVALID_PAYLOAD', async (_case, payload) => {
      expect(await sut.failure(PublicsPatterns.WECHAT_PHONE_NUMBER, payload)).toMatchObject({
        code: PublicsErrorCode.INVALID_PAYLOAD,
      });
    });
  });

  describe(PublicsPatterns.WECHAT_CHECK_SESSION, () => {
    it('answers valid for the session_key of the last login, signed as WeChat checks it', async () => {
      const openid = await login('session-ok');

      expect(
        await sut.send<CheckSessionResult>(PublicsPatterns.WECHAT_CHECK_SESSION, { openid }),
      ).toEqual({ valid: true, appid: MAIN.appid });
    });

    it('answers valid: false once WeChat no longer accepts it (87009), and true after a new login', async () => {
      const openid = await login('session-ends');
      await stack.steer('sessions/expire', { openid });

      expect(await sut.send(PublicsPatterns.WECHAT_CHECK_SESSION, { openid })).toEqual({
        valid: false,
        appid: MAIN.appid,
      });
      await login('session-ends');
      expect(await sut.send(PublicsPatterns.WECHAT_CHECK_SESSION, { openid })).toEqual({
        valid: true,
        appid: MAIN.appid,
      });
    });

    it('answers valid: false when the user logged in again elsewhere (the stored key is stale)', async () => {
      const openid = await login('session-stale');
      const { code } = await mintCode(stack.sandboxUrl, { user: 'session-stale' });
      await request(
        `${stack.sandboxUrl}/sns/jscode2session?${new URLSearchParams({ appid: MAIN.appid, secret: MAIN.secret, js_code: code, grant_type: 'authorization_code' })}`,
      );

      expect(await sut.send(PublicsPatterns.WECHAT_CHECK_SESSION, { openid })).toMatchObject({
        valid: false,
      });
    });

    it('keeps session keys per app', async () => {
      const openid = await login('session-shop', SHOP.appid);

      expect(
        await sut.send(PublicsPatterns.WECHAT_CHECK_SESSION, { openid, appid: SHOP.appid }),
      ).toEqual({ valid: true, appid: SHOP.appid });
      expect(await sut.failure(PublicsPatterns.WECHAT_CHECK_SESSION, { openid })).toMatchObject({
        code: PublicsErrorCode.SESSION_KEY_NOT_FOUND,
      });
    });

    it('refuses an openid without a stored session_key as SESSION_KEY_NOT_FOUND', async () => {
      expect(
        await sut.failure(PublicsPatterns.WECHAT_CHECK_SESSION, { openid: 'o-never-logged-in' }),
      ).toEqual({ code: PublicsErrorCode.SESSION_KEY_NOT_FOUND, message: expect.any(String) });
    });

    it('maps WeChat 40003 to INVALID_OPENID', async () => {
      const openid = await login('session-40003');
      await stack.injectFault({ api: 'checksession', errcode: 40003, failures: 1 });

      expect(await sut.failure(PublicsPatterns.WECHAT_CHECK_SESSION, { openid })).toMatchObject({
        code: PublicsErrorCode.INVALID_OPENID,
        errcode: 40003,
      });
    });
  });

  describe(PublicsPatterns.WECHAT_DECRYPT, () => {
    const encrypted = (body: Record<string, unknown>) =>
      stack.steer<{ encryptedData: string; iv: string }>('encrypted-data', body);
    const profile = {
      nickName: 'A user with a fairly long nickname',
      gender: 0,
      city: 'Guangzhou',
    };

    it('answers the object WeChat encrypted with the stored session_key, watermark included', async () => {
      const openid = await login('decrypt-ok');
      const data = await encrypted({ openid, data: profile });

      const result = await sut.send<DecryptResult>(PublicsPatterns.WECHAT_DECRYPT, {
        openid,
        ...data,
      });

      expect(result).toEqual({
        ...profile,
        watermark: { appid: MAIN.appid, timestamp: expect.any(Number) },
      });
    });

    it('decrypts with the named app’s key', async () => {
      const openid = await login('decrypt-shop', SHOP.appid);
      const data = await encrypted({ openid, appid: SHOP.appid, data: { ok: true } });

      expect(
        await sut.send(PublicsPatterns.WECHAT_DECRYPT, { openid, appid: SHOP.appid, ...data }),
      ).toMatchObject({ ok: true, watermark: { appid: SHOP.appid } });
    });

    it('refuses an openid without a stored key as SESSION_KEY_NOT_FOUND', async () => {
      const openid = await login('decrypt-unknown');
      const data = await encrypted({ openid, data: profile });

      expect(
        await sut.failure(PublicsPatterns.WECHAT_DECRYPT, { ...data, openid: 'o-unknown-user' }),
      ).toMatchObject({ code: PublicsErrorCode.SESSION_KEY_NOT_FOUND });
    });

    it('answers DECRYPT_WRONG_KEY for data encrypted under a later login publics did not see', async () => {
      const openid = await login('decrypt-wrong-key');
      const { code } = await mintCode(stack.sandboxUrl, { user: 'decrypt-wrong-key' });
      await request(
        `${stack.sandboxUrl}/sns/jscode2session?${new URLSearchParams({ appid: MAIN.appid, secret: MAIN.secret, js_code: code, grant_type: 'authorization_code' })}`,
      );
      const data = await encrypted({ openid, data: profile });

      expect(await sut.failure(PublicsPatterns.WECHAT_DECRYPT, { openid, ...data })).toMatchObject({
        code: PublicsErrorCode.DECRYPT_WRONG_KEY,
      });
    });

    it('answers DECRYPT_BAD_PADDING for data cut short by a block', async () => {
      const openid = await login('decrypt-cut');
      const data = await encrypted({ openid, data: profile });
      const bytes = Buffer.from(data.encryptedData, 'base64');
      const cut = bytes.subarray(0, bytes.length - 16).toString('base64');

      expect(
        await sut.failure(PublicsPatterns.WECHAT_DECRYPT, {
          openid,
          iv: data.iv,
          encryptedData: cut,
        }),
      ).toMatchObject({ code: PublicsErrorCode.DECRYPT_BAD_PADDING });
    });

    it('answers DECRYPT_BAD_JSON when a middle block was altered (padding and start intact)', async () => {
      const openid = await login('decrypt-altered');
      const data = await encrypted({ openid, data: profile });
      const bytes = Buffer.from(data.encryptedData, 'base64');
      expect(bytes.length).toBeGreaterThanOrEqual(5 * 16);
      bytes[2 * 16] ^= 0xff;

      expect(
        await sut.failure(PublicsPatterns.WECHAT_DECRYPT, {
          openid,
          iv: data.iv,
          encryptedData: bytes.toString('base64'),
        }),
      ).toMatchObject({ code: PublicsErrorCode.DECRYPT_BAD_JSON });
    });

    it('answers DECRYPT_FOREIGN_APPID for data whose watermark names another app', async () => {
      const openid = await login('decrypt-foreign');
      const data = await encrypted({ openid, data: profile, watermarkAppid: 'wx-someone-else' });

      const error = await sut.failure(PublicsPatterns.WECHAT_DECRYPT, { openid, ...data });

      expect(error).toMatchObject({ code: PublicsErrorCode.DECRYPT_FOREIGN_APPID });
      expect(error.message).toContain('wx-someone-else');
    });

    it.each([
      ['an iv of 12 bytes', { iv: Buffer.alloc(12).toString('base64') }],
      ['encryptedData that is not base64', { encryptedData: 'not base64!' }],
      [
        'encryptedData not a multiple of 16 bytes',
        { encryptedData: Buffer.alloc(20).toString('base64') },
      ],
    ])('refuses %s as INVALID_PAYLOAD', async (_case, change) => {
      const openid = await login('decrypt-bad-input');
      const data = await encrypted({ openid, data: profile });

      expect(
        await sut.failure(PublicsPatterns.WECHAT_DECRYPT, { openid, ...data, ...change }),
      ).toMatchObject({ code: PublicsErrorCode.INVALID_PAYLOAD });
    });

    it('decrypts exactly what a standard AES-128-CBC/PKCS#7 implementation would, with the key WeChat issued', async () => {
      // The wrong-key case above proves the key is the stored one; here the sandbox's own
      // encryption is checked against an independent decryption with a key minted outside publics.
      const { code } = await mintCode(stack.sandboxUrl, { user: 'decrypt-reference' });
      const session = await request<{ session_key: string; openid: string }>(
        `${stack.sandboxUrl}/sns/jscode2session?${new URLSearchParams({ appid: MAIN.appid, secret: MAIN.secret, js_code: code, grant_type: 'authorization_code' })}`,
      );
      const data = await encrypted({ openid: session.body.openid, data: { n: 1 } });
      const decipher = createDecipheriv(
        'aes-128-cbc',
        Buffer.from(session.body.session_key, 'base64'),
        Buffer.from(data.iv, 'base64'),
      );
      const plain = Buffer.concat([
        decipher.update(Buffer.from(data.encryptedData, 'base64')),
        decipher.final(),
      ]).toString('utf8');

      expect(JSON.parse(plain)).toEqual({
        n: 1,
        watermark: { appid: MAIN.appid, timestamp: expect.any(Number) },
      });
    });
  });

  describe(PublicsPatterns.WECHAT_SUBSCRIBE_MESSAGE, () => {
    const TEMPLATE = 'tmpl-order-shipped';
    const data = { thing1: { value: 'Your order' }, time2: { value: '2026-12-01 10:00' } };
    const sentTo = async (openid: string) =>
      (
        await stack.steer<{ messages: { touser: string }[] }>(
          `sent-messages?appid=${MAIN.appid}`,
          undefined,
          'GET',
        )
      ).messages.filter((message) => message.touser === openid);

    it('sends a message the user accepted, exactly as given, and says which app sent it', async () => {
      const openid = await login('subscriber');
      await stack.steer('subscriptions', { openid, templateId: TEMPLATE });

      const result = await sut.send<SubscribeMessageResult>(
        PublicsPatterns.WECHAT_SUBSCRIBE_MESSAGE,
        {
          openid,
          templateId: TEMPLATE,
          data,
          page: 'pages/order/detail?id=42',
          state: 'trial',
        },
      );

      expect(result).toEqual({ sent: true, appid: MAIN.appid });
      expect(await sentTo(openid)).toEqual([
        {
          appid: MAIN.appid,
          touser: openid,
          template_id: TEMPLATE,
          data,
          page: 'pages/order/detail?id=42',
          miniprogram_state: 'trial',
          sentAt: expect.any(Number),
        },
      ]);
    });

    it('refuses a second message the user did not accept as SUBSCRIPTION_REFUSED (43101), sending nothing', async () => {
      const openid = await login('subscriber-once');
      await stack.steer('subscriptions', { openid, templateId: TEMPLATE });
      await sut.send(PublicsPatterns.WECHAT_SUBSCRIBE_MESSAGE, {
        openid,
        templateId: TEMPLATE,
        data,
      });

      expect(
        await sut.failure(PublicsPatterns.WECHAT_SUBSCRIBE_MESSAGE, {
          openid,
          templateId: TEMPLATE,
          data,
        }),
      ).toMatchObject({ code: PublicsErrorCode.SUBSCRIPTION_REFUSED, errcode: 43101 });
      expect(await sentTo(openid)).toHaveLength(1);
    });

    it.each([
      [
        'an unknown template',
        { templateId: 'tmpl-nope' },
        PublicsErrorCode.INVALID_TEMPLATE,
        40037,
      ],
      [
        'a page the mini-program does not have',
        { page: '/../admin' },
        PublicsErrorCode.INVALID_PAGE,
        41030,
      ],
      [
        'an openid WeChat does not know',
        { openid: 'o-stranger' },
        PublicsErrorCode.INVALID_OPENID,
        40003,
      ],
    ])('refuses %s with its code and sends nothing', async (_case, change, code, errcode) => {
      const openid = await login('subscriber-refused');
      await stack.steer('subscriptions', { openid, templateId: TEMPLATE });

      expect(
        await sut.failure(PublicsPatterns.WECHAT_SUBSCRIBE_MESSAGE, {
          openid,
          templateId: TEMPLATE,
          data,
          ...change,
        }),
      ).toMatchObject({ code, errcode });
      expect(await sentTo(openid)).toEqual([]);
    });

    it('maps 47003 to INVALID_TEMPLATE_DATA, and does not retry a -1 (WeChat may have sent it)', async () => {
      const openid = await login('subscriber-faults');
      await stack.steer('subscriptions', { openid, templateId: TEMPLATE, count: 5 });
      const payload = { openid, templateId: TEMPLATE, data };

      await stack.injectFault({ api: 'subscribe_send', errcode: 47003, failures: 1 });
      expect(await sut.failure(PublicsPatterns.WECHAT_SUBSCRIBE_MESSAGE, payload)).toMatchObject({
        code: PublicsErrorCode.INVALID_TEMPLATE_DATA,
      });
      await stack.injectFault({ api: 'subscribe_send', errcode: -1, failures: 1 });
      expect(await sut.failure(PublicsPatterns.WECHAT_SUBSCRIBE_MESSAGE, payload)).toMatchObject({
        code: PublicsErrorCode.WECHAT_UNAVAILABLE,
      });
      expect(await sentTo(openid)).toEqual([]);
    });

    it.each([
      ['data as a list', { data: [1] }],
      ['a value that is not text', { data: { thing1: { value: 5 } } }],
      ['a keyword with extra fields', { data: { thing1: { value: 'x', color: '#f00' } } }],
      ['no data', { data: undefined }],
      ['an unknown state', { state: 'beta' }],
      ['a page with a newline', { page: 'pages/a\nb' }],
    ])('refuses %s as INVALID_PAYLOAD, sending nothing', async (_case, change) => {
      const openid = await login('subscriber-bad-payload');
      await stack.steer('subscriptions', { openid, templateId: TEMPLATE });

      expect(
        await sut.failure(PublicsPatterns.WECHAT_SUBSCRIBE_MESSAGE, {
          openid,
          templateId: TEMPLATE,
          data,
          ...change,
        }),
      ).toMatchObject({ code: PublicsErrorCode.INVALID_PAYLOAD });
      expect(await sentTo(openid)).toEqual([]);
    });
  });

  describe(PublicsPatterns.WECHAT_CHECK_TEXT, () => {
    beforeAll(async () => {
      await stack.steer(
        'content-rules',
        {
          rules: [
            { word: 'forbidden-word', suggest: 'risky', label: 20001 },
            { word: 'borderline', suggest: 'review', label: 10001 },
          ],
        },
        'PUT',
      );
    });

    it.each([
      ['a harmless text', 'Hello there', 'pass', 100],
      ['a text with a risky word', 'this has a FORBIDDEN-WORD in it', 'risky', 20001],
      ['a text with a word to review', 'somewhat borderline', 'review', 10001],
    ])('answers %s with WeChat’s verdict', async (_case, content, suggest, label) => {
      const openid = await login('author');

      expect(
        await sut.send(PublicsPatterns.WECHAT_CHECK_TEXT, { openid, content, scene: 2 }),
      ).toEqual({ suggest, label, appid: MAIN.appid });
    });

    it('maps 40003 (an openid WeChat does not know) to INVALID_OPENID', async () => {
      expect(
        await sut.failure(PublicsPatterns.WECHAT_CHECK_TEXT, {
          openid: 'o-not-a-user',
          content: 'x',
          scene: 1,
        }),
      ).toMatchObject({ code: PublicsErrorCode.INVALID_OPENID, errcode: 40003 });
    });

    it.each([
      ['scene 5', { scene: 5 }],
      ['scene as text', { scene: '1' }],
      ['empty content', { content: '' }],
      ['content over 2500 characters', { content: 'x'.repeat(2501) }],
      ['no openid', { openid: undefined }],
    ])('refuses %s as INVALID_PAYLOAD', async (_case, change) => {
      expect(
        await sut.failure(PublicsPatterns.WECHAT_CHECK_TEXT, {
          openid: 'o-someone',
          content: 'x',
          scene: 1,
          ...change,
        }),
      ).toMatchObject({ code: PublicsErrorCode.INVALID_PAYLOAD });
    });
  });

  it('never logs an access token, a session_key or a secret', async () => {
    await accessToken();
    await accessToken(SHOP.appid);
    const logs = stack.logs();

    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [...tokensSeen, MAIN.secret, SHOP.secret, 'session_key']) {
      expect({ secret, found: logs.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
