import {
  createEnvValidator,
  NodeEnv,
  PublicsTransportEnv,
  SANDBOX_APPID,
  SANDBOX_SECRET,
} from '@app/common';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

/** Where WeChat's server API lives in production. */
export const WECHAT_PRODUCTION_API_BASE = 'https://api.weixin.qq.com';

export class PublicsEnv extends PublicsTransportEnv {
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
}

function requireCredentialsOutsideDevelopment(env: PublicsEnv): string[] {
  if (env.NODE_ENV === NodeEnv.Development) {
    env.WECHAT_APPID ??= SANDBOX_APPID;
    env.WECHAT_SECRET ??= SANDBOX_SECRET;
    return [];
  }
  const missing = (['WECHAT_APPID', 'WECHAT_SECRET'] as const).filter((key) => !env[key]);
  return missing.map(
    (key) =>
      `${key}: is required when NODE_ENV is ${env.NODE_ENV} (set it to your mini-program's ${key === 'WECHAT_APPID' ? 'appid' : 'app secret'})`,
  );
}

export const validatePublicsEnv = createEnvValidator(
  PublicsEnv,
  requireCredentialsOutsideDevelopment,
);

/** The validated env with the credentials guaranteed present. */
export type PublicsConfig = PublicsEnv & { WECHAT_APPID: string; WECHAT_SECRET: string };

/** Where the TCP transport and the health HTTP server listen; read before the app exists, so it validates the env itself. */
export function publicsListenAddress(): { host: string; port: number; healthPort: number } {
  const env = validatePublicsEnv(process.env);
  return { host: env.PUBLICS_HOST, port: env.PUBLICS_PORT, healthPort: env.PUBLICS_HEALTH_PORT };
}
