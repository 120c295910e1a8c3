import { createHmac } from 'node:crypto';

import { sessionSignature } from './session-signature';

describe(sessionSignature.name, () => {
  it('is the hex HMAC-SHA256 of the empty string keyed by the session_key text', () => {
    const sessionKey = 'tiihtNczf5v6AKRyjwEUhQ==';

    expect(sessionSignature(sessionKey)).toBe(
      createHmac('sha256', Buffer.from(sessionKey, 'utf8')).update(Buffer.alloc(0)).digest('hex'),
    );
    expect(sessionSignature(sessionKey)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not sign the openid (the mistake WxJava shipped)', () => {
    const sessionKey = 'tiihtNczf5v6AKRyjwEUhQ==';

    expect(sessionSignature(sessionKey)).not.toBe(
      createHmac('sha256', sessionKey).update('o-user').digest('hex'),
    );
  });
});
