import {
  Code2SessionRequest,
  Code2SessionResult,
  HealthPingResult,
  isPublicsError,
  isRequestId,
  PhoneNumberRequest,
  PhoneNumberResult,
  PUBLICS_CLIENT,
  PublicsPattern,
  PublicsPatterns,
} from '@app/contracts';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';

import { CustomerConfig } from '../config/customer.env';
import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { publicsErrorToHttp } from '../errors/publics-error.mapping';
import { MetricsService } from '../metrics/metrics.service';
import { PromiseRequests, RpcTimeoutError } from './promise-requests';

/** customer's side of the publics RPC contract. */
@Injectable()
export class PublicsClient {
  private readonly logger = new Logger(PublicsClient.name);
  private readonly timeoutMs: number;

  constructor(
    @Inject(PUBLICS_CLIENT) private readonly proxy: ClientProxy & PromiseRequests,
    private readonly metrics: MetricsService,
    config: ConfigService<CustomerConfig, true>,
  ) {
    this.timeoutMs = config.get('RPC_TIMEOUT_MS', { infer: true });
  }

  /**
   * The WeChat identity behind a wx.login code. Failures arrive as AppExceptions ready for HTTP.
   * requestId (the HTTP request's id) goes along so publics' log lines about the exchange carry it;
   * one the contract would refuse is left out rather than failing the login.
   */
  async code2session(
    code: string,
    requestId?: string,
    appid?: string,
  ): Promise<Code2SessionResult> {
    const request: Code2SessionRequest = isRequestId(requestId) ? { code, requestId } : { code };
    if (appid !== undefined) request.appid = appid;
    return this.call<Code2SessionResult, Code2SessionRequest>(
      PublicsPatterns.WECHAT_CODE2SESSION,
      request,
      requestId,
    );
  }

  /** The phone number behind a getPhoneNumber button code; failures as AppExceptions ready for HTTP. */
  async phoneNumber(code: string, appid: string, requestId?: string): Promise<PhoneNumberResult> {
    return this.call<PhoneNumberResult, PhoneNumberRequest>(
      PublicsPatterns.WECHAT_PHONE_NUMBER,
      { code, appid },
      requestId,
    );
  }

  /** One timed call to publics; failures as AppExceptions ready for HTTP. */
  private async call<Result, Payload>(
    pattern: PublicsPattern,
    payload: Payload,
    requestId?: string,
  ): Promise<Result> {
    const finished = this.metrics.startPublicsCall(pattern);
    try {
      const result = await this.proxy.request<Result>(pattern, payload, this.timeoutMs);
      finished('success');
      return result;
    } catch (error) {
      const failure = this.toHttp(error, requestId);
      finished(failure.code);
      throw failure;
    }
  }

  /** Resolves when publics answers health.ping within timeoutMs; rejects with the transport's error otherwise. */
  ping(timeoutMs: number): Promise<HealthPingResult> {
    return firstValueFrom(
      this.proxy.send<HealthPingResult>(PublicsPatterns.HEALTH_PING, {}).pipe(timeout(timeoutMs)),
    );
  }

  private toHttp(error: unknown, requestId?: string): AppException {
    if (isPublicsError(error)) {
      return publicsErrorToHttp(error);
    }
    if (error instanceof RpcTimeoutError) {
      this.logger.warn({ requestId, timeoutMs: this.timeoutMs }, 'publics did not answer in time');
      return new AppException(
        HttpStatus.GATEWAY_TIMEOUT,
        CustomerErrorCode.PUBLICS_TIMEOUT,
        'The login service did not answer in time',
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ requestId, reason }, 'publics is unreachable');
    return new AppException(
      HttpStatus.SERVICE_UNAVAILABLE,
      CustomerErrorCode.PUBLICS_UNAVAILABLE,
      'The login service is unavailable; retry later',
    );
  }
}
