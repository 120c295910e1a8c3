import { createHmac, createSign, KeyObject } from 'node:crypto';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT made by hand, so tests can forge what a library would refuse to make. */
export function craftToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: { hmacSecret?: string; privateKey?: KeyObject } = {},
): string {
  const signingInput = `${encode(header)}.${encode(payload)}`;
  let signature = '';
  if (key.hmacSecret !== undefined) {
    const hash =
      { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[String(header.alg)] ?? 'sha256';
    signature = createHmac(hash, key.hmacSecret).update(signingInput).digest('base64url');
  } else if (key.privateKey) {
    const signer = createSign('sha256').update(signingInput);
    signature =
      header.alg === 'ES256'
        ? signer.sign({ key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')
        : signer.sign(key.privateKey).toString('base64url');
  }
  return `${signingInput}.${signature}`;
}

export function tokenParts(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
  };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
