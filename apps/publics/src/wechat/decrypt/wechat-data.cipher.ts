import { createDecipheriv } from 'node:crypto';

const BLOCK_BYTES = 16;

/** Why encrypted user data did not decrypt; each becomes its own contract error. */
export type DecryptFailure = 'bad-input' | 'wrong-key' | 'bad-padding' | 'bad-json';

export type DecryptOutcome =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; failure: DecryptFailure; detail: string };

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decrypts data a mini-program API returned (getUserProfile's, the old
 * getPhoneNumber's, …) as WeChat encrypts it: AES-128-CBC, PKCS#7 padding, the
 * user's session_key (base64, 16 bytes) as key and the given iv.
 *
 * CBC has no integrity check, so the failures are told apart by what is seen:
 * WeChat's plaintext always starts with `{`, and a wrong key (or iv) turns the
 * first block into noise; a right key with a cut or altered end leaves the
 * start intact but breaks the padding; a sound padding around text that is not
 * a JSON object is bad JSON. (A wrong key whose noise starts with `{`, one
 * chance in 256, is reported by the checks that follow.)
 */
export function decryptWechatData(
  sessionKey: string,
  encryptedData: string,
  iv: string,
): DecryptOutcome {
  const key = Buffer.from(sessionKey, 'base64');
  const ivBytes = Buffer.from(iv, 'base64');
  const ciphertext = Buffer.from(encryptedData, 'base64');
  if (key.length !== BLOCK_BYTES) {
    return { ok: false, failure: 'wrong-key', detail: 'the stored session_key is not 16 bytes' };
  }
  if (ivBytes.length !== BLOCK_BYTES) {
    return { ok: false, failure: 'bad-input', detail: 'iv must be 16 bytes' };
  }
  if (ciphertext.length === 0 || ciphertext.length % BLOCK_BYTES !== 0) {
    return {
      ok: false,
      failure: 'bad-input',
      detail: 'encryptedData must be a non-empty multiple of 16 bytes',
    };
  }
  const decipher = createDecipheriv('aes-128-cbc', key, ivBytes);
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);

  if (padded[0] !== 0x7b) {
    return { ok: false, failure: 'wrong-key', detail: 'the first block is not the start of JSON' };
  }
  const padding = padded[padded.length - 1];
  if (
    padding < 1 ||
    padding > BLOCK_BYTES ||
    !padded.subarray(padded.length - padding).every((byte) => byte === padding)
  ) {
    return { ok: false, failure: 'bad-padding', detail: 'the PKCS#7 padding is broken' };
  }
  let data: unknown;
  try {
    data = JSON.parse(fatalUtf8.decode(padded.subarray(0, padded.length - padding)));
  } catch {
    return { ok: false, failure: 'bad-json', detail: 'the plaintext is not UTF-8 JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, failure: 'bad-json', detail: 'the plaintext is not a JSON object' };
  }
  return { ok: true, data: data as Record<string, unknown> };
}
