import {
  createHash,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  JsonWebKey,
  KeyObject,
} from 'node:crypto';

export type SigningAlgorithm = 'HS256' | 'ES256' | 'RS256';

export interface PublishedKey {
  kid: string;
  algorithm: 'ES256' | 'RS256';
  publicKey: KeyObject;
  jwk: JsonWebKey & { kid: string; alg: string; use: 'sig' };
}

/** How tokens are signed now, and which keys verify them. */
export interface SigningKeys {
  algorithm: SigningAlgorithm;
  /**
   * HS256: the shared secret, ES256/RS256: the private key; a KeyObject either
   * way, because jsonwebtoken given a string first tries to parse it as a PEM
   * key on every call (measured: 2.7k HS256 signs/s instead of 130k/s).
   */
  signingKey: KeyObject;
  /** Set for ES256/RS256: goes into every token's header. */
  kid?: string;
  /** ES256/RS256: the current public key first, then earlier ones still accepted. */
  published: PublishedKey[];
  /** HS256 only: the shared secret verifies. */
  secret?: KeyObject;
}

function algorithmOf(key: KeyObject): 'ES256' | 'RS256' {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return 'ES256';
  throw new Error('JWT keys must be RSA (RS256) or EC P-256 (ES256)');
}

/** RFC 7638 thumbprint: a kid that is the same wherever the key is loaded. */
function thumbprint(jwk: JsonWebKey): string {
  const members =
    jwk.kty === 'EC'
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
      : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

function publish(publicKey: KeyObject): PublishedKey {
  const algorithm = algorithmOf(publicKey);
  const exported = publicKey.export({ format: 'jwk' });
  const kid = thumbprint(exported);
  return {
    kid,
    algorithm,
    publicKey,
    jwk: { ...exported, kid, alg: algorithm, use: 'sig' },
  };
}

/** Env files often carry PEMs on one line with literal \n. */
function pem(value: string): string {
  return value.replace(/\\n/g, '\n');
}

function splitPublicKeys(value: string | undefined): string[] {
  if (!value) return [];
  return pem(value).match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
}

export function loadSigningKeys(settings: {
  secret: string;
  privateKey?: string;
  previousPublicKeys?: string;
}): SigningKeys {
  if (!settings.privateKey) {
    return {
      algorithm: 'HS256',
      signingKey: createSecretKey(Buffer.from(settings.secret, 'utf8')),
      secret: createSecretKey(Buffer.from(settings.secret, 'utf8')),
      published: [],
    };
  }
  const privateKey = createPrivateKey(pem(settings.privateKey));
  const current = publish(createPublicKey(privateKey));
  const previous = splitPublicKeys(settings.previousPublicKeys)
    .map((key) => publish(createPublicKey(key)))
    .filter((key) => key.kid !== current.kid);
  return {
    algorithm: current.algorithm,
    signingKey: privateKey,
    kid: current.kid,
    published: [current, ...previous],
  };
}
