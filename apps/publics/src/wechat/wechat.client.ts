import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import axios, { AxiosError, AxiosInstance, isAxiosError } from 'axios';

import { PublicsConfig } from '../config/publics.env';
import { UndiciTransport } from './undici-adapter';

/** What jscode2session answers: a session on success, errcode/errmsg on failure (both inside HTTP 200). */
export interface WechatSessionResponse {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

export type WechatTransportFailure = 'timeout' | 'network' | 'http-status' | 'not-json';

/** The call did not produce a WeChat answer. The message never carries the URL (it holds the secret). */
export class WechatTransportError extends Error {
  constructor(
    readonly failure: WechatTransportFailure,
    detail: string,
  ) {
    super(`${failure}: ${detail}`);
    this.name = WechatTransportError.name;
  }
}

/** jscode2session answers a few hundred bytes; anything far larger is not WeChat's answer. */
export const WECHAT_MAX_ANSWER_BYTES = 64 * 1024;

/** The only place that talks HTTP to WeChat. */
@Injectable()
export class WechatClient implements OnModuleDestroy {
  private readonly http: AxiosInstance;
  /** Keep-alive connections to WeChat (undici), under axios. */
  private readonly transport: UndiciTransport;
  /** jscode2session's path and fixed parameters, made once: only js_code changes from call to call. */
  private readonly sessionPathBeforeCode: string;
  private readonly timeoutMs: number;

  constructor(config: ConfigService<PublicsConfig, true>) {
    const fixed = new URLSearchParams({
      appid: config.get('WECHAT_APPID', { infer: true }),
      secret: config.get('WECHAT_SECRET', { infer: true }),
      grant_type: 'authorization_code',
    });
    this.sessionPathBeforeCode = `/sns/jscode2session?${fixed.toString()}&js_code=`;
    this.timeoutMs = config.get('WECHAT_TIMEOUT_MS', { infer: true });
    const baseURL = config.get('WECHAT_API_BASE', { infer: true });
    this.transport = new UndiciTransport(baseURL);
    this.http = axios.create({
      baseURL,
      adapter: this.transport.adapter,
      // WeChat answers JSON as text/plain: parse it here so a non-JSON body is detected, not passed on.
      responseType: 'text',
      transformResponse: [(body: unknown) => body],
      validateStatus: () => true,
      maxContentLength: WECHAT_MAX_ANSWER_BYTES,
    });
  }

  onModuleDestroy(): Promise<void> {
    return this.transport.close();
  }

  async jscode2session(code: string): Promise<WechatSessionResponse> {
    let status: number;
    let body: unknown;
    // One bound for the whole call, the body included: axios' own timeout only lasts until the
    // headers and then between bytes, so a trickled answer would never trip it. A timer cleared at
    // the end, not AbortSignal.timeout, whose signal and timer live on for the whole timeout.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    try {
      const response = await this.http.get<string>(
        this.sessionPathBeforeCode + encodeURIComponent(code),
        { signal: abort.signal },
      );
      status = response.status;
      body = response.data;
    } catch (error) {
      throw this.toTransportError(error);
    } finally {
      clearTimeout(timer);
    }
    if (status !== 200) {
      throw new WechatTransportError('http-status', `WeChat answered HTTP ${status}`);
    }
    return this.parse(body);
  }

  private parse(body: unknown): WechatSessionResponse {
    if (typeof body !== 'string') {
      throw new WechatTransportError('not-json', 'empty answer');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new WechatTransportError('not-json', 'the answer is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new WechatTransportError('not-json', 'the answer is not a JSON object');
    }
    return parsed as WechatSessionResponse;
  }

  private toTransportError(error: unknown): WechatTransportError {
    if (isAxiosError(error)) {
      // ERR_CANCELED: this client's own timer aborted the call; ETIMEDOUT: the connect timed out.
      if (error.code === AxiosError.ERR_CANCELED || error.code === 'ETIMEDOUT') {
        return new WechatTransportError('timeout', 'WeChat did not answer in time');
      }
      if (error.code === AxiosError.ERR_BAD_RESPONSE && /maxContentLength/.test(error.message)) {
        return new WechatTransportError('not-json', 'the answer is too large');
      }
      return new WechatTransportError('network', error.code ?? 'request failed');
    }
    return new WechatTransportError('network', 'request failed');
  }
}
