import { timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { SandboxEnv, sandboxExtraApps } from '../config/sandbox.env';

/** The apps (appid and secret) this sandbox plays. Secrets never leave this class. */
@Injectable()
export class SandboxCredentials {
  /** The app of WECHAT_SANDBOX_APPID: the one used when a test names none. */
  readonly appid: string;
  private readonly secrets = new Map<string, Buffer>();

  constructor(config: ConfigService<SandboxEnv, true>) {
    this.appid = config.get('WECHAT_SANDBOX_APPID', { infer: true });
    this.secrets.set(this.appid, Buffer.from(config.get('WECHAT_SANDBOX_SECRET', { infer: true })));
    for (const app of sandboxExtraApps(config.get('WECHAT_SANDBOX_APPS', { infer: true }))) {
      this.secrets.set(app.appid, Buffer.from(app.secret));
    }
  }

  isAppid(given: string): boolean {
    return this.secrets.has(given);
  }

  /** Constant-time for secrets of the right length; other lengths are refused at once. */
  isSecretOf(appid: string, given: string): boolean {
    const secret = this.secrets.get(appid);
    const candidate = Buffer.from(given);
    return (
      secret !== undefined &&
      candidate.length === secret.length &&
      timingSafeEqual(candidate, secret)
    );
  }
}
