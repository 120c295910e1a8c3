import { ExecutionContext } from '@nestjs/common';

import { LoginThrottlerGuard } from './login-throttler';

class AuthController {
  login(): void {}
}
class SeedController {
  login(): void {}
}

/** Exposes the key the guard counts a request under. */
class KeyedGuard extends LoginThrottlerGuard {
  keyOf(controller: new () => { login(): void }, suffix: string, name: string): string {
    const context = {
      getClass: () => controller,
      getHandler: () => controller.prototype.login,
    } as unknown as ExecutionContext;
    return this.generateKey(context, suffix, name);
  }
}

describe(LoginThrottlerGuard.name, () => {
  const guard = Object.create(KeyedGuard.prototype) as KeyedGuard;

  it('counts a request under a key of 22 URL-safe characters, whatever the length of the code', () => {
    const long = guard.keyOf(AuthController, `code:${'x'.repeat(256)}`, 'code');
    expect(long).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(guard.keyOf(AuthController, 'code:abc', 'code')).toHaveLength(22);
  });

  it('keeps the counters of each route, throttler and client or code apart, and the same one together', () => {
    const keys = [
      guard.keyOf(AuthController, '203.0.113.7', 'ip'),
      guard.keyOf(AuthController, '203.0.113.8', 'ip'),
      guard.keyOf(SeedController, '203.0.113.7', 'ip'),
      guard.keyOf(AuthController, '203.0.113.7', 'code'),
      guard.keyOf(AuthController, 'code:abc', 'code'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(guard.keyOf(AuthController, '203.0.113.7', 'ip')).toBe(keys[0]);
  });
});
