import { createPublicKey, generateKeyPairSync, KeyObject, verify } from 'node:crypto';

import { ManagedProcess } from '../tools/local-stack/managed-process';
import { craftToken, nowSeconds, tokenParts } from './support/jwt';
import { expectError, mintCode, request } from './support/http';
import { useLoginStack } from './support/login-fixture';
import { TEST_JWT_AUDIENCE, TEST_JWT_ISSUER } from './support/stack';

const current = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const previous = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (key: KeyObject, type: 'pkcs8' | 'spki') =>
  key.export({ format: 'pem', type }).toString();

interface Jwk {
  kid: string;
  alg: string;
  kty: string;
  use: string;
}

describe('asymmetric tokens and JWKS', () => {
  const sut = useLoginStack('sqlite', {
    customerEnv: {
      // One line with literal \n, as env files carry PEMs.
      JWT_PRIVATE_KEY: pem(current.privateKey, 'pkcs8').replace(/\n/g, '\\n'),
      JWT_PREVIOUS_PUBLIC_KEYS: pem(previous.publicKey, 'spki'),
    },
  });

  async function login(): Promise<{ token: string; userId: string }> {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'jwks-user' });
    const response = await sut.login({ code });
    return {
      token: response.body.token as string,
      userId: (response.body.user as { id: string }).id,
    };
  }

  const jwks = async () =>
    (await request<{ keys: Jwk[] }>(`${sut.stack.customerUrl}/.well-known/jwks.json`)).body.keys;
  const me = (token: string) =>
    request(`${sut.stack.customerUrl}/users/me`, { headers: { authorization: `Bearer ${token}` } });
  const claims = (userId: string) => ({
    sub: userId,
    iss: TEST_JWT_ISSUER,
    aud: TEST_JWT_AUDIENCE,
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
    userType: 1,
  });

  it('signs with ES256 and a kid that the published JWKS holds, verifiable without any secret', async () => {
    const { token } = await login();
    const keys = await jwks();
    const { header } = tokenParts(token);

    expect(header).toMatchObject({ alg: 'ES256', kid: keys[0].kid });
    expect(keys.map((key) => [key.alg, key.kty, key.use])).toEqual([
      ['ES256', 'EC', 'sig'],
      ['RS256', 'RSA', 'sig'],
    ]);
    const [headerPart, payloadPart, signature] = token.split('.');
    const verified = verify(
      'sha256',
      Buffer.from(`${headerPart}.${payloadPart}`),
      { key: createPublicKey({ key: keys[0] as never, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    expect(verified).toBe(true);
    expect(JSON.stringify(keys)).not.toMatch(/"d":/);
  });

  it('still accepts tokens of the previous key while it is published', async () => {
    const { userId } = await login();
    const [, previousKey] = await jwks();
    const token = craftToken({ alg: 'RS256', kid: previousKey.kid }, claims(userId), {
      privateKey: previous.privateKey,
    });

    expect((await me(token)).status).toBe(200);
  });

  it('refuses a token that says alg none, and one signed with the current key but without a kid', async () => {
    const { userId } = await login();
    const [currentKey] = await jwks();
    const none = craftToken({ alg: 'none', kid: currentKey.kid }, claims(userId));
    const noKid = craftToken({ alg: 'ES256' }, claims(userId), { privateKey: current.privateKey });

    for (const token of [none, noKid]) {
      expectError(await me(token), 401, 'INVALID_TOKEN');
    }
  });

  it('refuses a token of an unknown key, and an HS256 token keyed with the public key', async () => {
    const { userId } = await login();
    const [currentKey] = await jwks();
    const unknown = craftToken({ alg: 'ES256', kid: currentKey.kid }, claims(userId), {
      privateKey: stranger.privateKey,
    });
    const confused = craftToken({ alg: 'HS256', kid: currentKey.kid }, claims(userId), {
      hmacSecret: pem(current.publicKey, 'spki'),
    });

    expect((await me(unknown)).status).toBe(401);
    expect((await me(confused)).status).toBe(401);
  });
});

describe('key rotation across restarts', () => {
  const keyA = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyB = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sut = useLoginStack('sqlite', {
    customerEnv: { JWT_PRIVATE_KEY: pem(keyA.privateKey, 'pkcs8') },
  });
  let restarted: ManagedProcess | undefined;
  afterAll(() => restarted?.stop());

  /** Stops the running customer and starts one on the same database and publics with other keys. */
  async function restartCustomer(env: Record<string, string>): Promise<string> {
    await (restarted ?? sut.stack.customer).stop();
    const next = await sut.stack.extraCustomer(env);
    restarted = next.process;
    await restarted.start();
    return next.url;
  }
  const me = (url: string, token: string) =>
    request(`${url}/users/me`, { headers: { authorization: `Bearer ${token}` } });
  const jwks = async (url: string) =>
    (await request<{ keys: Jwk[] }>(`${url}/.well-known/jwks.json`)).body.keys;
  const login = async (url: string) => {
    const { code } = await mintCode(sut.stack.sandboxUrl, { user: 'rotated' });
    const response = await request(`${url}/login`, { body: { code } });
    expect(response.status).toBe(200);
    return response.body.token as string;
  };

  it('accepts the old key while it is in JWT_PREVIOUS_PUBLIC_KEYS, signs with the new RS256 key, and refuses the old key once it is removed', async () => {
    const tokenA = await login(sut.stack.customerUrl);
    const [kidA] = (await jwks(sut.stack.customerUrl)).map((key) => key.kid);
    expect(tokenParts(tokenA).header).toMatchObject({ alg: 'ES256', kid: kidA });

    const rotatedUrl = await restartCustomer({
      WORKER_ID: '21',
      JWT_PRIVATE_KEY: pem(keyB.privateKey, 'pkcs8'),
      JWT_PREVIOUS_PUBLIC_KEYS: pem(keyA.publicKey, 'spki'),
    });
    const published = await jwks(rotatedUrl);
    expect(published.map((key) => [key.alg, key.kty])).toEqual([
      ['RS256', 'RSA'],
      ['ES256', 'EC'],
    ]);
    expect(published[1].kid).toBe(kidA);
    expect((await me(rotatedUrl, tokenA)).status).toBe(200);
    const tokenB = await login(rotatedUrl);
    expect(tokenParts(tokenB).header).toMatchObject({ alg: 'RS256', kid: published[0].kid });
    expect((await me(rotatedUrl, tokenB)).status).toBe(200);

    const afterUrl = await restartCustomer({
      WORKER_ID: '22',
      JWT_PRIVATE_KEY: pem(keyB.privateKey, 'pkcs8'),
    });
    expect((await jwks(afterUrl)).map((key) => key.kid)).toEqual([published[0].kid]);
    const refused = await me(afterUrl, tokenA);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'INVALID_TOKEN' });
    expect((await me(afterUrl, tokenB)).status).toBe(200);
    expect(await sut.db.users()).toHaveLength(1);
  });
});
