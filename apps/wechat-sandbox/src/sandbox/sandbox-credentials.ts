import { timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { SandboxEnv } from '../config/sandbox.env';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The appid/secret this sandbox was started with. */
@Injectable()
export class SandboxCredentials {
  readonly appid: string;
  private readonly secret: string;

  constructor(config: ConfigService<SandboxEnv, true>) {
    this.appid = config.get('WECHAT_SANDBOX_APPID', { infer: true });
    this.secret = config.get('WECHAT_SANDBOX_SECRET', { infer: true });
  }

  isSecret(given: string): boolean {
    return sameSecret(given, this.secret);
  }
}
