import { createSecretKey, KeyObject } from 'node:crypto';

import { measureSnowflakeThroughput, SnowflakeGenerator } from '@app/common';
import { JwtService } from '@nestjs/jwt';

import { median } from './stats';

export interface MicroFigure {
  /** Median of the samples, per second. */
  perSecond: number;
  samples: number[];
}

export interface MicroFigures {
  snowflakeIdsPerSecond: MicroFigure;
  /** With the secret as a string, as customer passes it. */
  jwtSignsPerSecond: MicroFigure;
  /** With the same secret as a KeyObject made once, for comparison. */
  jwtSignsPerSecondKeyObject: MicroFigure;
}

const SAMPLES = 5;
const SAMPLE_MS = 1000;

/** Five samples, yielding to the event loop between them so that a signal is handled. */
async function figure(measure: () => number): Promise<MicroFigure> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    samples.push(measure());
  }
  return { perSecond: median(samples), samples };
}

/** HS256 signs per second of a token shaped like the login's, over about `durationMs`. */
function measureJwtSigns(
  jwt: JwtService,
  key: string | KeyObject,
  issuer: string,
  durationMs: number,
): number {
  const payload = {
    sub: new SnowflakeGenerator({ workerId: 1 }).nextId().toString(),
    nickname: '普通用户04217',
    avatar: null,
    userType: 1,
  };
  // jsonwebtoken tries a string as a PEM private key first; a KeyObject skips that.
  const options = {
    ...(typeof key === 'string' ? { secret: key } : { privateKey: key }),
    algorithm: 'HS256' as const,
    expiresIn: '7d' as const,
    issuer,
  };
  const started = performance.now();
  let count = 0;
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < 100; i += 1) jwt.sign(payload, options);
    count += 100;
    elapsed = performance.now() - started;
  }
  return Math.round((count / elapsed) * 1000);
}

/** Snowflake ids and JWT signs per second in this process, each the median of 5 one-second samples. */
export async function measureMicroFigures(
  jwtSecret: string,
  jwtIssuer: string,
): Promise<MicroFigures> {
  const jwt = new JwtService();
  const keyObject = createSecretKey(Buffer.from(jwtSecret, 'utf8'));
  return {
    snowflakeIdsPerSecond: await figure(() => measureSnowflakeThroughput(SAMPLE_MS)),
    jwtSignsPerSecond: await figure(() => measureJwtSigns(jwt, jwtSecret, jwtIssuer, SAMPLE_MS)),
    jwtSignsPerSecondKeyObject: await figure(() =>
      measureJwtSigns(jwt, keyObject, jwtIssuer, SAMPLE_MS),
    ),
  };
}
