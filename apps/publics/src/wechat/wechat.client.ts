import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Axios, AxiosError, AxiosHeaders, isAxiosError } from 'axios';

import { PublicsConfig } from '../config/publics.env';
import { WechatApp } from './apps/wechat-apps';
import { UndiciTransport } from './undici-adapter';

/** Every WeChat answer: its data on success, errcode/errmsg on failure (both inside HTTP 200). */
export interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
}

/** What jscode2session answers. */
export interface WechatSessionResponse extends WechatAnswer {
  openid?: string;
  unionid?: string;
  session_key?: string;
}

/** What stable_token answers. */
export interface WechatStableTokenResponse extends WechatAnswer {
  access_token?: string;
  /** Seconds the token has left. */
  expires_in?: number;
}

/** What getuserphonenumber answers. */
export interface WechatPhoneNumberResponse extends WechatAnswer {
  phone_info?: {
    phoneNumber?: string;
    purePhoneNumber?: string;
    countryCode?: string;
    watermark?: { appid?: string; timestamp?: number };
  };
}

/** What msg_sec_check (version 2) answers. */
export interface WechatTextCheckResponse extends WechatAnswer {
  result?: { suggest?: string; label?: number };
}

/** The body of subscribe/send, in WeChat's names. */
export interface WechatSubscribeMessage {
  touser: string;
  template_id: string;
  data: Record<string, { value: string }>;
  page?: string;
  miniprogram_state?: string;
}

/** The body of msg_sec_check version 2, in WeChat's names. */
export interface WechatTextCheck {
  openid: string;
  content: string;
  scene: number;
  version: 2;
}

type Query = Record<string, string>;

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

/** A POST's body as JSON, as axios' default request transform sends a plain object. */
function jsonBody(data: unknown, headers: AxiosHeaders): unknown {
  if (data === undefined || data === null) return data;
  headers.setContentType('application/json');
  return JSON.stringify(data);
}

/** WeChat's answers are at most a few KiB; anything far larger is not WeChat's answer. */
export const WECHAT_MAX_ANSWER_BYTES = 64 * 1024;

/**
 * The only place that talks HTTP to WeChat. Every call goes through `request`:
 * one transport, one whole-call timeout, one size cap, one error mapping. URLs
 * (which carry the secret or the access token) never reach an error message.
 */
@Injectable()
export class WechatClient implements OnApplicationShutdown {
  private readonly http: Axios;
  /** jscode2session's path and fixed parameters per appid, made once: only js_code changes from call to call. */
  private readonly sessionPathsBeforeCode = new Map<string, string>();
  /** Keep-alive connections to WeChat (undici), under axios. */
  private readonly transport: UndiciTransport;
  private readonly timeoutMs: number;

  constructor(config: ConfigService<PublicsConfig, true>) {
    this.timeoutMs = config.get('WECHAT_TIMEOUT_MS', { infer: true });
    const baseURL = config.get('WECHAT_API_BASE', { infer: true });
    this.transport = new UndiciTransport(baseURL);
    // An Axios of its own defaults only, not axios.create's merge with the global ones: axios
    // merges its defaults into every call's config, and the global ones (a header group per
    // method, xsrf, env, transitional options it validates anew) made up half of a call's work.
    this.http = new Axios({
      baseURL,
      adapter: this.transport.adapter,
      headers: { Accept: 'application/json, text/plain, */*' },
      transformRequest: [jsonBody],
      // WeChat answers JSON as text/plain: parse it here so a non-JSON body is detected, not passed on.
      responseType: 'text',
      transformResponse: [(body: unknown) => body],
      validateStatus: () => true,
      maxContentLength: WECHAT_MAX_ANSWER_BYTES,
    });
  }

  /** Last, once the RPC servers have answered the calls under way: they may still need WeChat. */
  onApplicationShutdown(): Promise<void> {
    return this.transport.close();
  }

  jscode2session(app: WechatApp, code: string): Promise<WechatSessionResponse> {
    return this.request('GET', this.sessionPathBeforeCode(app) + encodeURIComponent(code));
  }

  /** `POST /cgi-bin/stable_token`, never with force_refresh: WeChat allows 20 of those a day. */
  stableToken(app: WechatApp): Promise<WechatStableTokenResponse> {
    return this.request('POST', '/cgi-bin/stable_token', undefined, {
      grant_type: 'client_credential',
      appid: app.appid,
      secret: app.secret,
      force_refresh: false,
    });
  }

  getUserPhoneNumber(accessToken: string, code: string): Promise<WechatPhoneNumberResponse> {
    return this.request(
      'POST',
      '/wxa/business/getuserphonenumber',
      { access_token: accessToken },
      { code },
    );
  }

  /** `signature` is the hex HMAC-SHA256 of the empty string keyed by the user's session_key. */
  checkSession(accessToken: string, openid: string, signature: string): Promise<WechatAnswer> {
    return this.request('GET', '/wxa/checksession', {
      access_token: accessToken,
      openid,
      signature,
      sig_method: 'hmac_sha256',
    });
  }

  sendSubscribeMessage(
    accessToken: string,
    message: WechatSubscribeMessage,
  ): Promise<WechatAnswer> {
    return this.request(
      'POST',
      '/cgi-bin/message/subscribe/send',
      { access_token: accessToken },
      message,
    );
  }

  checkText(accessToken: string, check: WechatTextCheck): Promise<WechatTextCheckResponse> {
    return this.request('POST', '/wxa/msg_sec_check', { access_token: accessToken }, check);
  }

  private sessionPathBeforeCode(app: WechatApp): string {
    let path = this.sessionPathsBeforeCode.get(app.appid);
    if (path === undefined) {
      const fixed = new URLSearchParams({
        appid: app.appid,
        secret: app.secret,
        grant_type: 'authorization_code',
      });
      path = `/sns/jscode2session?${fixed.toString()}&js_code=`;
      this.sessionPathsBeforeCode.set(app.appid, path);
    }
    return path;
  }

  /** One HTTP call to WeChat: GET with `query`, or POST with `body` as JSON; the answer parsed as a JSON object. */
  private async request<T extends WechatAnswer>(
    method: 'GET' | 'POST',
    path: string,
    query?: Query,
    body?: object,
  ): Promise<T> {
    const url = query ? `${path}?${new URLSearchParams(query).toString()}` : path;
    let status: number;
    let answer: unknown;
    try {
      // One bound for the whole call, the body included: the undici transport's timeout runs
      // until the answer is complete (axios' http adapter's only lasted until the headers and
      // then between bytes, so a trickled answer never tripped it).
      const response = await this.http.request<string>({
        method,
        url,
        data: body,
        timeout: this.timeoutMs,
      });
      status = response.status;
      answer = response.data;
    } catch (error) {
      throw this.toTransportError(error);
    }
    if (status !== 200) {
      throw new WechatTransportError('http-status', `WeChat answered HTTP ${status}`);
    }
    return this.parse(answer) as T;
  }

  private parse(body: unknown): WechatAnswer {
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
    return parsed as WechatAnswer;
  }

  private toTransportError(error: unknown): WechatTransportError {
    if (isAxiosError(error)) {
      // ECONNABORTED: the call's timeout ran out; ETIMEDOUT: the connect timed out.
      if (error.code === AxiosError.ECONNABORTED || error.code === AxiosError.ETIMEDOUT) {
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
