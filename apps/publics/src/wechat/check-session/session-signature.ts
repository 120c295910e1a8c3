import { createHmac } from 'node:crypto';

/**
 * checksession's `signature`: the hex HMAC-SHA256 of the empty string, keyed by
 * the session_key as WeChat gave it (its base64 text). Two well-known SDKs got
 * this wrong (signing the openid, or sending raw bytes instead of hex).
 */
export function sessionSignature(sessionKey: string): string {
  return createHmac('sha256', sessionKey).update('').digest('hex');
}
