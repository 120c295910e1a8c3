import { createEnvValidator, LOG_LEVELS, LogLevel, NodeEnv } from '@app/common';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

/** Used only with NODE_ENV=development; anywhere else JWT_SECRET must be set. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-do-not-use-in-production';
export const MIN_JWT_SECRET_BYTES = 32;

export class CustomerEnv {
  @IsIn(Object.values(NodeEnv))
  NODE_ENV: NodeEnv = NodeEnv.Production;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsString()
  CUSTOMER_HOST: string = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  CUSTOMER_PORT: number = 3000;

  @IsString()
  PUBLICS_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  PUBLICS_PORT: number = 4000;

  @IsInt()
  @Min(1)
  @Max(120000)
  RPC_TIMEOUT_MS: number = 8000;

  /** mysql://user:pass@host:port/db; unset → the embedded SQLite file. */
  @IsOptional()
  @Matches(/^mysql:\/\/[^/]+\/[^/?]+/, {
    message: 'DATABASE_URL must look like mysql://user:pass@host:port/database',
  })
  DATABASE_URL?: string;

  @IsString()
  SQLITE_PATH: string = 'data/customer.sqlite';

  /** Apply pending MySQL migrations at start. */
  @Transform(({ obj }) => ['true', '1', 'yes'].includes(String(obj.DB_MIGRATE).toLowerCase()))
  @IsBoolean()
  DB_MIGRATE: boolean = false;

  @IsOptional()
  @IsString()
  JWT_SECRET?: string;

  /** A number of seconds, or a number with s, m, h, d or w. */
  @Matches(/^\d+[smhdw]?$/, {
    message: 'JWT_EXPIRES_IN must be seconds or a number with s, m, h, d or w (e.g. 7d)',
  })
  JWT_EXPIRES_IN: string = '7d';

  @IsString()
  @MinLength(1)
  JWT_ISSUER: string = 'wechat-login-platform';

  @IsInt()
  @Min(0)
  @Max(1023)
  WORKER_ID: number = 0;

  /** How long a WORKER_ID lease lives without renewal (renewed every third of it). */
  @IsInt()
  @Min(1000)
  @Max(600000)
  WORKER_LEASE_TTL_MS: number = 30000;
}

function requireStrongSecretOutsideDevelopment(env: CustomerEnv): string[] {
  if (env.NODE_ENV === NodeEnv.Development) {
    env.JWT_SECRET ??= DEVELOPMENT_JWT_SECRET;
    return [];
  }
  if (!env.JWT_SECRET) {
    return [`JWT_SECRET: is required when NODE_ENV is ${env.NODE_ENV}`];
  }
  if (env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    return ['JWT_SECRET: the development default must not be used outside development'];
  }
  if (Buffer.byteLength(env.JWT_SECRET, 'utf8') < MIN_JWT_SECRET_BYTES) {
    return [`JWT_SECRET: must be at least ${MIN_JWT_SECRET_BYTES} bytes long`];
  }
  return [];
}

export const validateCustomerEnv = createEnvValidator(
  CustomerEnv,
  requireStrongSecretOutsideDevelopment,
);

/** The validated env with the JWT secret guaranteed present. */
export type CustomerConfig = CustomerEnv & { JWT_SECRET: string };

/** Where the HTTP server listens; read before the app exists, so it validates the env itself. */
export function customerListenAddress(): { host: string; port: number } {
  const env = validateCustomerEnv(process.env);
  return { host: env.CUSTOMER_HOST, port: env.CUSTOMER_PORT };
}

const secondsPerUnit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** JWT_EXPIRES_IN as seconds (a bare number means seconds, never milliseconds). */
export function tokenLifetimeSeconds(expiresIn: string): number {
  const match = /^(\d+)([smhdw]?)$/.exec(expiresIn);
  if (!match) throw new Error(`Invalid JWT_EXPIRES_IN: ${expiresIn}`);
  return Number(match[1]) * (secondsPerUnit[match[2] || 's'] ?? 1);
}
