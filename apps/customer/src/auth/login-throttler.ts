import { hash } from 'node:crypto';

import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';

import { CustomerConfig } from '../config/customer.env';
import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';
import { SharedThrottlerStorage } from './shared-throttler.storage';

const ONE_MINUTE_MS = 60_000;

function loginCode(context: ExecutionContext): string | undefined {
  const body = context.switchToHttp().getRequest<FastifyRequest>().body as
    { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? body.code : undefined;
}

/**
 * Login limits per minute: per client IP (request.ip, which honours
 * X-Forwarded-For only when TRUST_PROXY says so) and per login code. 0 lifts a limit.
 * Counted in Redis (shared by every instance) when REDIS_URL is set, else in this process.
 */
export function loginThrottlerOptions(
  config: ConfigService<CustomerConfig, true>,
  redis: Redis | null,
): ThrottlerModuleOptions {
  const perIp = config.get('LOGIN_RATE_LIMIT', { infer: true });
  const perCode = config.get('LOGIN_CODE_RATE_LIMIT', { infer: true });
  return {
    storage: redis
      ? new SharedThrottlerStorage(redis, new FixedWindowThrottlerStorage())
      : new FixedWindowThrottlerStorage(),
    throttlers: [
      { name: 'ip', ttl: ONE_MINUTE_MS, limit: Math.max(perIp, 1), skipIf: () => perIp === 0 },
      {
        name: 'code',
        ttl: ONE_MINUTE_MS,
        limit: Math.max(perCode, 1),
        skipIf: (context) => perCode === 0 || loginCode(context) === undefined,
        getTracker: (_request, context) => `code:${loginCode(context)}`,
      },
    ],
  };
}

/**
 * The throttler's 429 in the service's error shape, with a plain Retry-After in seconds
 * (HttpExceptionFilter records each refused attempt in the audit trail, see RefusedLogins).
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  /**
   * Per route, throttler and client (or code), as the library's key, but 128 bits of the
   * SHA-256 in 22 characters instead of all 256 in 64 hex ones: the in-process storage keeps
   * a key per login code for a minute, and the key is most of what it keeps.
   */
  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    const key = `${context.getClass().name}-${context.getHandler().name}-${name}-${suffix}`;
    return hash('sha256', key, 'buffer').toString('base64url', 0, 16);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    throw new AppException(
      HttpStatus.TOO_MANY_REQUESTS,
      CustomerErrorCode.TOO_MANY_REQUESTS,
      'Too many login attempts; retry after the time in Retry-After',
    );
  }
}
