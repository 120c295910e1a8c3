import { createCipheriv, createDecipheriv, hkdfSync, randomFillSync } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs are cut from a buffer of this many random bytes, refilled when used up (as Node pools randomUUID). */
const IV_POOL_BYTES = IV_BYTES * 512;
/** Binds the derived key to this use of SESSION_KEY_SECRET. */
const KEY_INFO = 'publics session_key at rest v1';

/**
 * Encrypts session keys at rest with AES-256-GCM under a key derived from
 * SESSION_KEY_SECRET (HKDF-SHA256). The (appid, openid) a value belongs to is
 * its additional data, so a stored value moved to another user fails to open.
 * Stored form: base64 of iv (12 bytes) | tag (16 bytes) | ciphertext.
 */
export class SessionKeyCipher {
  private readonly key: Buffer;
  private readonly ivPool = Buffer.alloc(IV_POOL_BYTES);
  private ivOffset = IV_POOL_BYTES;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'publics', KEY_INFO, 32));
  }

  seal(sessionKey: string, appid: string, openid: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(owner(appid, openid));
    const sealed = Buffer.concat([cipher.update(sessionKey, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
  }

  /** A fresh random IV: one CSPRNG call per 512 seals instead of one per seal. Never reused. */
  private nextIv(): Buffer {
    if (this.ivOffset === IV_POOL_BYTES) {
      randomFillSync(this.ivPool);
      this.ivOffset = 0;
    }
    const iv = Buffer.from(this.ivPool.subarray(this.ivOffset, this.ivOffset + IV_BYTES));
    this.ivOffset += IV_BYTES;
    return iv;
  }

  /** The session key, or undefined when the value was not sealed by this secret for this user. */
  open(stored: string, appid: string, openid: string): string | undefined {
    const raw = Buffer.from(stored, 'base64');
    if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(owner(appid, openid));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

function owner(appid: string, openid: string): Buffer {
  return Buffer.from(`${appid}\n${openid}`, 'utf8');
}
