import {
  createEnvValidator,
  NodeEnv,
  PublicsTransport,
  PublicsTransportEnv,
  SANDBOX_APPID,
} from '@app/common';
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
  ValidateIf,
} from 'class-validator';

/** Used only with NODE_ENV=development; anywhere else JWT_SECRET must be set. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-do-not-use-in-production';
export const MIN_JWT_SECRET_BYTES = 32;
/** WORKER_ID=auto: claim the lowest free id from the lease table. */
export const AUTO_WORKER_ID = 'auto';
/** The most a login limit may be: the in-process counters stop counting a little above it. */
export const LOGIN_LIMIT_MAX = 1_000_000;

export class CustomerEnv extends PublicsTransportEnv {
  @IsString()
  CUSTOMER_HOST: string = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  CUSTOMER_PORT: number = 3000;

  /** Port of customer's RPC server (user.*, auth.introspect) over TCP; 0 takes any free port. */
  @IsInt()
  @Min(0)
  @Max(65535)
  CUSTOMER_RPC_PORT: number = 3001;

  /** tcp: customer's RPC on CUSTOMER_RPC_PORT; nats: on NATS_URL, every instance in the queue group `customer`. */
  @IsIn(Object.values(PublicsTransport))
  CUSTOMER_RPC_TRANSPORT: PublicsTransport = PublicsTransport.Tcp;

  /**
   * The appids of the mini-programs publics serves, comma separated; the first
   * is the default of POST /login's `appid`, any other appid is refused.
   * Required unless NODE_ENV=development (then the sandbox's appid).
   */
  @IsOptional()
  @Matches(/^\s*[\w-]{1,64}\s*(,\s*[\w-]{1,64}\s*)*$/, {
    message: 'WECHAT_APPIDS must be appids (letters, digits, _ or -) separated by commas',
  })
  WECHAT_APPIDS?: string;

  /** Days login_audit entries are kept. */
  @IsInt()
  @Min(1)
  @Max(3650)
  AUDIT_RETENTION_DAYS: number = 180;

  /** Whether a phone number may belong to one live user only (409 PHONE_TAKEN otherwise). */
  @Transform(({ obj }) => !['false', '0', 'no'].includes(String(obj.PHONE_UNIQUE).toLowerCase()))
  @IsBoolean()
  PHONE_UNIQUE: boolean = true;

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

  /** The `aud` claim tokens carry and verification requires. */
  @IsString()
  @MinLength(1)
  JWT_AUDIENCE: string = 'wechat-mini-program';

  /** Seconds of clock difference tolerated when checking exp, nbf and iat. */
  @IsInt()
  @Min(0)
  @Max(300)
  JWT_CLOCK_SKEW_SECONDS: number = 30;

  /** ES256 (P-256) or RS256 private key, PEM. Set: tokens are signed with it and published as JWKS. */
  @IsOptional()
  @IsString()
  @Matches(/-----BEGIN (EC |RSA )?PRIVATE KEY-----/, {
    message: 'JWT_PRIVATE_KEY must be a PEM private key',
  })
  JWT_PRIVATE_KEY?: string;

  /** Public keys (PEM, one after another) of earlier private keys: still published and accepted while their tokens live. */
  @IsOptional()
  @IsString()
  @Matches(/-----BEGIN PUBLIC KEY-----/, {
    message: 'JWT_PREVIOUS_PUBLIC_KEYS must hold PEM public keys',
  })
  JWT_PREVIOUS_PUBLIC_KEYS?: string;

  /** POST /login requests per minute per client IP, at most 1,000,000; 0 lifts the limit. */
  @IsInt()
  @Min(0)
  @Max(LOGIN_LIMIT_MAX)
  LOGIN_RATE_LIMIT: number = 60;

  /** POST /login requests per minute with one login code, at most 1,000,000; 0 lifts the limit. */
  @IsInt()
  @Min(0)
  @Max(LOGIN_LIMIT_MAX)
  LOGIN_CODE_RATE_LIMIT: number = 5;

  /** Whether X-Forwarded-For is trusted for the client IP: false, true, a hop count, or addresses/CIDRs (comma separated). */
  @IsString()
  TRUST_PROXY: string = 'false';

  /** Attempts to reach the database at start, with exponential backoff between them. */
  @IsInt()
  @Min(1)
  @Max(1000)
  DB_CONNECT_ATTEMPTS: number = 10;

  /** 0–1023, or auto: the lowest id no live instance holds, claimed at start. */
  @Transform(({ value }: { value: unknown }) =>
    String(value).trim().toLowerCase() === AUTO_WORKER_ID ? AUTO_WORKER_ID : Number(value),
  )
  @ValidateIf((env: CustomerEnv) => env.WORKER_ID !== AUTO_WORKER_ID)
  @IsInt({ message: 'WORKER_ID must be an integer from 0 to 1023, or auto' })
  @Min(0, { message: 'WORKER_ID must be an integer from 0 to 1023, or auto' })
  @Max(1023, { message: 'WORKER_ID must be an integer from 0 to 1023, or auto' })
  WORKER_ID: number | typeof AUTO_WORKER_ID = 0;

  /** How long a WORKER_ID lease lives without renewal (renewed every third of it). */
  @IsInt()
  @Min(1000)
  @Max(600000)
  WORKER_LEASE_TTL_MS: number = 30000;
}

function requireAppidsOutsideDevelopment(env: CustomerEnv): string[] {
  if (env.NODE_ENV === NodeEnv.Development) env.WECHAT_APPIDS ??= SANDBOX_APPID;
  if (env.WECHAT_APPIDS) return [];
  return [
    `WECHAT_APPIDS: is required when NODE_ENV is ${env.NODE_ENV} (the appids publics serves, the default first)`,
  ];
}

function requireStrongSecretOutsideDevelopment(env: CustomerEnv): string[] {
  if (env.NODE_ENV === NodeEnv.Development) {
    env.JWT_SECRET ??= DEVELOPMENT_JWT_SECRET;
    return [];
  }
  // With a private key, tokens are signed with it and the shared secret is not used.
  if (env.JWT_PRIVATE_KEY && !env.JWT_SECRET) return [];
  if (!env.JWT_SECRET) {
    return [`JWT_SECRET: is required when NODE_ENV is ${env.NODE_ENV} (or set JWT_PRIVATE_KEY)`];
  }
  if (env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    return ['JWT_SECRET: the development default must not be used outside development'];
  }
  if (Buffer.byteLength(env.JWT_SECRET, 'utf8') < MIN_JWT_SECRET_BYTES) {
    return [`JWT_SECRET: must be at least ${MIN_JWT_SECRET_BYTES} bytes long`];
  }
  return [];
}

export const validateCustomerEnv = createEnvValidator(CustomerEnv, (env) => [
  ...requireStrongSecretOutsideDevelopment(env),
  ...requireAppidsOutsideDevelopment(env),
]);

export type CustomerConfig = CustomerEnv & { WECHAT_APPIDS: string };

/** WECHAT_APPIDS as a list, the default first. */
export function configuredAppids(value: string): string[] {
  return value
    .split(',')
    .map((appid) => appid.trim())
    .filter((appid) => appid !== '');
}

/** What the HTTP server needs before the app exists; it validates the env itself. */
export function customerServerSettings(): {
  host: string;
  port: number;
  rpcPort: number;
  trustProxy: boolean | number | string;
} {
  const env = validateCustomerEnv(process.env);
  return {
    host: env.CUSTOMER_HOST,
    port: env.CUSTOMER_PORT,
    rpcPort: env.CUSTOMER_RPC_PORT,
    trustProxy: trustProxySetting(env.TRUST_PROXY),
  };
}

const secondsPerUnit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** JWT_EXPIRES_IN as seconds (a bare number means seconds, never milliseconds). */
export function tokenLifetimeSeconds(expiresIn: string): number {
  const match = /^(\d+)([smhdw]?)$/.exec(expiresIn);
  if (!match) throw new Error(`Invalid JWT_EXPIRES_IN: ${expiresIn}`);
  return Number(match[1]) * (secondsPerUnit[match[2] || 's'] ?? 1);
}

/** TRUST_PROXY as fastify's trustProxy option. */
export function trustProxySetting(value: string): boolean | number | string {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true') return true;
  if (normalized === 'false' || normalized === '') return false;
  if (/^\d+$/.test(normalized)) return Number(normalized);
  return value.trim();
}
