import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts user data as WeChat does for a mini-program (getUserProfile,
 * the former getPhoneNumber…): AES-128-CBC with PKCS#7 padding, the user's
 * session_key (base64 of 16 bytes) as key, a fresh 16-byte iv, all in base64.
 */
export function encryptAsWechat(
  sessionKey: string,
  data: object,
): { encryptedData: string; iv: string } {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
}
