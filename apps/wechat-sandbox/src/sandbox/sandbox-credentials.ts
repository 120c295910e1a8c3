import { timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { SandboxEnv } from '../config/sandbox.env';

/** The appid and secret this sandbox was started with. The secret never leaves this class. */
@Injectable()
export class SandboxCredentials {
  readonly appid: string;
  private readonly secret: Buffer;

  constructor(config: ConfigService<SandboxEnv, true>) {
    this.appid = config.get('WECHAT_SANDBOX_APPID', { infer: true });
    this.secret = Buffer.from(config.get('WECHAT_SANDBOX_SECRET', { infer: true }));
  }

  isAppid(given: string): boolean {
    return given === this.appid;
  }

  /** Constant-time for secrets of the right length; other lengths are refused at once. */
  isSecret(given: string): boolean {
    const candidate = Buffer.from(given);
    return candidate.length === this.secret.length && timingSafeEqual(candidate, this.secret);
  }
}
