import { BaseEnv, createEnvValidator, SANDBOX_APPID, SANDBOX_SECRET } from '@app/common';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

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
}

/** ConfigModule's `validate`: applies the defaults, throws listing every bad key and why. */
export const validateSandboxEnv = createEnvValidator(SandboxEnv);

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
