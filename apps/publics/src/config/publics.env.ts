import { createEnvValidator, NodeEnv, RedisEnv, SANDBOX_APPID, SANDBOX_SECRET } from '@app/common';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

import { mergeWechatApps, parseWechatApps, WechatApp } from '../wechat/apps/wechat-apps';

/** Where WeChat's server API lives in production. */
export const WECHAT_PRODUCTION_API_BASE = 'https://api.weixin.qq.com';

export class PublicsEnv extends RedisEnv {
  @IsString()
  PUBLICS_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  PUBLICS_PORT: number = 4000;

  /** HTTP port of /health/live, /health/ready and /metrics (on PUBLICS_HOST); 0 picks a free one. */
  @IsInt()
  @Min(0)
  @Max(65535)
  PUBLICS_HEALTH_PORT: number = 4001;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  WECHAT_API_BASE: string = WECHAT_PRODUCTION_API_BASE;

  @IsOptional()
  @IsString()
  @MinLength(1)
  WECHAT_APPID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  WECHAT_SECRET?: string;

  @IsInt()
  @Min(1)
  @Max(60000)
  WECHAT_TIMEOUT_MS: number = 5000;

  /** Pause before the single retry of a WeChat "system busy" (-1). */
  @IsInt()
  @Min(0)
  @Max(10000)
  WECHAT_RETRY_DELAY_MS: number = 200;

  /** Several mini-programs: a JSON list of {"appid","secret"}; after WECHAT_APPID's app when both are set. */
  @IsOptional()
  @IsString()
  WECHAT_APPS?: string;

  /** Encrypts stored session_keys (AES-256-GCM); at least 32 characters; required outside development. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  SESSION_KEY_SECRET?: string;

  /** How long a session_key is kept after the login that brought it. */
  @IsInt()
  @Min(60)
  @Max(30 * 86400)
  SESSION_KEY_TTL_SECONDS: number = 259200;
}

/**
 * The secret session keys are encrypted with in development when none is set.
 * Anyone can read it here: it protects nothing, which is why other environments must set their own.
 */
export const DEVELOPMENT_SESSION_KEY_SECRET = 'development-only-session-key-secret-not-secret';

/** The mini-programs the env configures, the default first (call after validation). */
export function wechatAppsOf(env: PublicsEnv): WechatApp[] {
  const listed = env.WECHAT_APPS ? parseWechatApps(env.WECHAT_APPS) : { apps: [] };
  if ('problem' in listed) throw new Error(`WECHAT_APPS ${listed.problem}`);
  const single =
    env.WECHAT_APPID && env.WECHAT_SECRET
      ? { appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET }
      : undefined;
  const merged = mergeWechatApps(single, listed.apps);
  if ('problem' in merged) throw new Error(`WECHAT_APPS: ${merged.problem}`);
  return merged.apps;
}

function checkWechatApps(env: PublicsEnv): string[] {
  if (!env.WECHAT_APPS) return [];
  const listed = parseWechatApps(env.WECHAT_APPS);
  if ('problem' in listed) return [`WECHAT_APPS: ${listed.problem}`];
  if (Boolean(env.WECHAT_APPID) !== Boolean(env.WECHAT_SECRET)) {
    return ['WECHAT_APPID and WECHAT_SECRET: set both or neither when WECHAT_APPS is set'];
  }
  const single =
    env.WECHAT_APPID && env.WECHAT_SECRET
      ? { appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET }
      : undefined;
  const merged = mergeWechatApps(single, listed.apps);
  return 'problem' in merged ? [`WECHAT_APPS: ${merged.problem}`] : [];
}

function requireSessionKeySecretOutsideDevelopment(env: PublicsEnv): string[] {
  if (env.NODE_ENV === NodeEnv.Development) {
    env.SESSION_KEY_SECRET ??= DEVELOPMENT_SESSION_KEY_SECRET;
    return [];
  }
  return env.SESSION_KEY_SECRET
    ? []
    : [
        `SESSION_KEY_SECRET: is required when NODE_ENV is ${env.NODE_ENV} (at least 32 random characters, e.g. openssl rand -base64 48)`,
      ];
}

function requireCredentialsOutsideDevelopment(env: PublicsEnv): string[] {
  if (env.WECHAT_APPS) return checkWechatApps(env);
  if (env.NODE_ENV === NodeEnv.Development) {
    env.WECHAT_APPID ??= SANDBOX_APPID;
    env.WECHAT_SECRET ??= SANDBOX_SECRET;
    return [];
  }
  const missing = (['WECHAT_APPID', 'WECHAT_SECRET'] as const).filter((key) => !env[key]);
  return missing.map(
    (key) =>
      `${key}: is required when NODE_ENV is ${env.NODE_ENV} unless WECHAT_APPS is set (set it to your mini-program's ${key === 'WECHAT_APPID' ? 'appid' : 'app secret'})`,
  );
}

export const validatePublicsEnv = createEnvValidator(PublicsEnv, (env) => [
  ...requireCredentialsOutsideDevelopment(env),
  ...requireSessionKeySecretOutsideDevelopment(env),
]);

/** The validated env with the session key secret guaranteed present (WECHAT_APPS/WECHAT_APPID: see wechatAppsOf). */
export type PublicsConfig = PublicsEnv & { SESSION_KEY_SECRET: string };

/** Where the TCP transport and the health HTTP server listen; read before the app exists, so it validates the env itself. */
export function publicsListenAddress(): { host: string; port: number; healthPort: number } {
  const env = validatePublicsEnv(process.env);
  return { host: env.PUBLICS_HOST, port: env.PUBLICS_PORT, healthPort: env.PUBLICS_HEALTH_PORT };
}
