import { PublicsErrorCode } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { PublicsConfig, PublicsEnv, wechatAppsOf } from '../../config/publics.env';
import { PublicsException } from '../../errors/publics.exception';
import { contractError } from '../wechat-errors';
import { WechatApp } from './wechat-apps';

/** The mini-programs publics serves, looked up by the appid a payload names. */
@Injectable()
export class WechatAppRegistry {
  private readonly byAppid: ReadonlyMap<string, WechatApp>;
  /** The app a payload without appid gets: the first configured. */
  readonly defaultApp: WechatApp;

  constructor(config: ConfigService<PublicsConfig, true>) {
    const apps = wechatAppsOf({
      WECHAT_APPID: config.get('WECHAT_APPID', { infer: true }),
      WECHAT_SECRET: config.get('WECHAT_SECRET', { infer: true }),
      WECHAT_APPS: config.get('WECHAT_APPS', { infer: true }),
    } as PublicsEnv);
    if (apps.length === 0) throw new Error('No WeChat mini-program is configured');
    this.byAppid = new Map(apps.map((app) => [app.appid, app]));
    this.defaultApp = apps[0];
  }

  /** Every configured app, the default first. */
  get apps(): WechatApp[] {
    return [...this.byAppid.values()];
  }

  /** The app `appid` names (the default when undefined); an unknown appid is a typed error, before any call to WeChat. */
  resolve(appid: string | undefined): WechatApp {
    if (appid === undefined) return this.defaultApp;
    const app = this.byAppid.get(appid);
    if (!app) {
      throw new PublicsException(
        contractError(PublicsErrorCode.UNKNOWN_APPID, `${appid} is not one of its mini-programs`),
      );
    }
    return app;
  }
}
