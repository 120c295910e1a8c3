import { createCipheriv, randomBytes } from 'node:crypto';

import { decryptWechatData } from './wechat-data.cipher';

const SESSION_KEY = randomBytes(16).toString('base64');

/** Encrypts as WeChat does: AES-128-CBC, PKCS#7, base64 everywhere. */
function encrypt(plaintext: string | Buffer, key = SESSION_KEY): { data: string; iv: string } {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(key, 'base64'), iv);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { data: data.toString('base64'), iv: iv.toString('base64') };
}

const profile = {
  nickName: '微信用户 with a long enough name',
  watermark: { appid: 'wx-a', timestamp: 1764000000 },
};

describe(decryptWechatData.name, () => {
  it('opens data encrypted as WeChat does, multi-byte text included', () => {
    const { data, iv } = encrypt(JSON.stringify(profile));

    expect(decryptWechatData(SESSION_KEY, data, iv)).toEqual({ ok: true, data: profile });
  });

  it('opens a plaintext of an exact number of blocks (a whole block of padding)', () => {
    const exact = JSON.stringify({ a: 'x'.repeat(32 - 8) });
    expect(exact.length % 16).toBe(0);
    const { data, iv } = encrypt(exact);

    expect(decryptWechatData(SESSION_KEY, data, iv)).toMatchObject({ ok: true });
  });

  it('reports wrong-key for data encrypted with another session_key', () => {
    const { data, iv } = encrypt(JSON.stringify(profile), randomBytes(16).toString('base64'));

    expect(decryptWechatData(SESSION_KEY, data, iv)).toMatchObject({
      ok: false,
      failure: 'wrong-key',
    });
  });

  it('reports bad-padding for data cut by a block', () => {
    const { data, iv } = encrypt(JSON.stringify(profile));
    const cut = Buffer.from(data, 'base64');

    expect(
      decryptWechatData(SESSION_KEY, cut.subarray(0, cut.length - 16).toString('base64'), iv),
    ).toMatchObject({ ok: false, failure: 'bad-padding' });
  });

  it.each([
    ['text that is not JSON', '{not json at all'],
    ['a brace and nothing after it', '{'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ])('reports bad-json for %s', (_case, plaintext) => {
    const { data, iv } = encrypt(plaintext);

    expect(decryptWechatData(SESSION_KEY, data, iv)).toMatchObject({
      ok: false,
      failure: 'bad-json',
    });
  });

  it('reports an iv of 8 bytes and empty data as bad-input', () => {
    const { data, iv } = encrypt('{}');

    expect(decryptWechatData(SESSION_KEY, data, randomBytes(8).toString('base64'))).toMatchObject({
      ok: false,
      failure: 'bad-input',
    });
    expect(decryptWechatData(SESSION_KEY, '', iv)).toMatchObject({
      ok: false,
      failure: 'bad-input',
    });
  });

  it('reports data that is not a whole number of blocks as bad-input', () => {
    expect(
      decryptWechatData(
        SESSION_KEY,
        randomBytes(20).toString('base64'),
        randomBytes(16).toString('base64'),
      ),
    ).toMatchObject({ ok: false, failure: 'bad-input' });
  });
});
