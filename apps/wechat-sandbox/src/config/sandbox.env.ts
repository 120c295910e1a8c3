import { BaseEnv, createEnvValidator, SANDBOX_APPID, SANDBOX_SECRET } from '@app/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

/** The appid the sandbox accepts unless WECHAT_SANDBOX_APPID says otherwise. */
export const DEFAULT_SANDBOX_APPID = SANDBOX_APPID;
/** The secret the sandbox accepts unless WECHAT_SANDBOX_SECRET says otherwise. It opens nothing real. */
export const DEFAULT_SANDBOX_SECRET = SANDBOX_SECRET;
export const DEFAULT_SANDBOX_HOST = '127.0.0.1';
export const DEFAULT_SANDBOX_PORT = 4100;

/** The sandbox's environment; every variable is optional. */
export class SandboxEnv extends BaseEnv {
  @IsString()
  @IsNotEmpty()
  WECHAT_SANDBOX_HOST: string = DEFAULT_SANDBOX_HOST;

  /** 0 picks a free port (the listening line says which). */
  @IsInt()
  @Min(0)
  @Max(65535)
  WECHAT_SANDBOX_PORT: number = DEFAULT_SANDBOX_PORT;

  @IsString()
  @IsNotEmpty()
  WECHAT_SANDBOX_APPID: string = DEFAULT_SANDBOX_APPID;

  @IsString()
  @IsNotEmpty()
  WECHAT_SANDBOX_SECRET: string = DEFAULT_SANDBOX_SECRET;

  /** More mini-programs the sandbox plays, beside WECHAT_SANDBOX_APPID: a JSON list of {"appid","secret"}. */
  @IsOptional()
  @IsString()
  WECHAT_SANDBOX_APPS?: string;

  /** How long the access tokens it issues live (WeChat: 7200). */
  @IsInt()
  @Min(1)
  @Max(86400)
  WECHAT_SANDBOX_TOKEN_TTL_SECONDS: number = 7200;
}

/** The extra apps of WECHAT_SANDBOX_APPS, or why the value is refused. */
export function sandboxExtraApps(raw: string | undefined): { appid: string; secret: string }[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('WECHAT_SANDBOX_APPS: is not JSON');
  }
  if (!Array.isArray(parsed)) throw new Error('WECHAT_SANDBOX_APPS: must be a JSON list');
  return parsed.map((entry: unknown, index) => {
    const { appid, secret } = (entry ?? {}) as Record<string, unknown>;
    if (typeof appid !== 'string' || appid === '' || typeof secret !== 'string' || secret === '') {
      throw new Error(`WECHAT_SANDBOX_APPS: entry ${index} needs a non-empty appid and secret`);
    }
    return { appid, secret };
  });
}

function checkExtraApps(env: SandboxEnv): string[] {
  try {
    sandboxExtraApps(env.WECHAT_SANDBOX_APPS);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/** ConfigModule's `validate`: applies the defaults, throws listing every bad key and why. */
export const validateSandboxEnv = createEnvValidator(SandboxEnv, checkExtraApps);

/**
 * Where the sandbox listens. main.ts reads it before Nest starts, so a bad
 * environment fails with the list of bad keys rather than a Nest init error.
 */
export function sandboxListenAddress(env: Record<string, unknown> = process.env): {
  host: string;
  port: number;
} {
  const valid = validateSandboxEnv(env);
  return { host: valid.WECHAT_SANDBOX_HOST, port: valid.WECHAT_SANDBOX_PORT };
}
