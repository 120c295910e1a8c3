import {
  Code2SessionRequest,
  Code2SessionResult,
  isPublicsError,
  PUBLICS_CLIENT,
  PublicsPatterns,
} from '@app/contracts';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';

import { CustomerConfig } from '../config/customer.env';
import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { publicsErrorToHttp } from '../errors/publics-error.mapping';

/** customer's side of the publics RPC contract. */
@Injectable()
export class PublicsClient {
  private readonly logger = new Logger(PublicsClient.name);
  private readonly timeoutMs: number;

  constructor(
    @Inject(PUBLICS_CLIENT) private readonly proxy: ClientProxy,
    config: ConfigService<CustomerConfig, true>,
  ) {
    this.timeoutMs = config.get('RPC_TIMEOUT_MS', { infer: true });
  }

  /** The WeChat identity behind a wx.login code. Failures arrive as AppExceptions ready for HTTP. */
  async code2session(code: string): Promise<Code2SessionResult> {
    const request: Code2SessionRequest = { code };
    try {
      return await firstValueFrom(
        this.proxy
          .send<Code2SessionResult, Code2SessionRequest>(
            PublicsPatterns.WECHAT_CODE2SESSION,
            request,
          )
          .pipe(timeout(this.timeoutMs)),
      );
    } catch (error) {
      throw this.toHttp(error);
    }
  }

  private toHttp(error: unknown): AppException {
    if (isPublicsError(error)) {
      return publicsErrorToHttp(error);
    }
    if (error instanceof TimeoutError) {
      this.logger.warn({ timeoutMs: this.timeoutMs }, 'publics did not answer in time');
      return new AppException(
        HttpStatus.GATEWAY_TIMEOUT,
        CustomerErrorCode.PUBLICS_TIMEOUT,
        'The login service did not answer in time',
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ reason }, 'publics is unreachable');
    return new AppException(
      HttpStatus.SERVICE_UNAVAILABLE,
      CustomerErrorCode.PUBLICS_UNAVAILABLE,
      'The login service is unavailable; retry later',
    );
  }
}
