import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { configuredAppids, CustomerConfig } from '../config/customer.env';
import { AppException, CustomerErrorCode } from '../errors/app.exception';

/** The mini-programs (WECHAT_APPIDS) users log in from; the first is the default. */
@Injectable()
export class MiniPrograms {
  readonly appids: readonly string[];

  constructor(config: ConfigService<CustomerConfig, true>) {
    this.appids = configuredAppids(config.get('WECHAT_APPIDS', { infer: true }));
  }

  get defaultAppid(): string {
    return this.appids[0];
  }

  /** The appid a request names, or the default; 400 UNKNOWN_APPID for one not configured. */
  resolve(appid: string | undefined): string {
    if (appid === undefined) return this.defaultAppid;
    if (this.appids.includes(appid)) return appid;
    throw new AppException(
      HttpStatus.BAD_REQUEST,
      CustomerErrorCode.UNKNOWN_APPID,
      'appid is not one of the mini-programs this service serves',
    );
  }
}
