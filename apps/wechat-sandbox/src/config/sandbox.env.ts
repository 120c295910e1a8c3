import {
  createEnvValidator,
  LOG_LEVELS,
  LogLevel,
  NodeEnv,
  SANDBOX_APPID,
  SANDBOX_SECRET,
} from '@app/common';
import { IsIn, IsInt, IsString, Max, Min, MinLength } from 'class-validator';

export class SandboxEnv {
  @IsIn(Object.values(NodeEnv))
  NODE_ENV: NodeEnv = NodeEnv.Production;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsString()
  WECHAT_SANDBOX_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  WECHAT_SANDBOX_PORT: number = 4100;

  @IsString()
  @MinLength(1)
  WECHAT_SANDBOX_APPID: string = SANDBOX_APPID;

  @IsString()
  @MinLength(1)
  WECHAT_SANDBOX_SECRET: string = SANDBOX_SECRET;
}

export const validateSandboxEnv = createEnvValidator(SandboxEnv);

/** Where the sandbox listens; read before the app exists, so it validates the env itself. */
export function sandboxListenAddress(): { host: string; port: number } {
  const env = validateSandboxEnv(process.env);
  return { host: env.WECHAT_SANDBOX_HOST, port: env.WECHAT_SANDBOX_PORT };
}
