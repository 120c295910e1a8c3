import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { PublicsPattern } from '@app/contracts';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';

import { ManagedProcess } from '../../tools/local-stack/managed-process';
import { appEntryPoints } from '../../tools/local-stack/stack-env';
import { freePort } from '../../tools/net/free-port';
import { request } from './http';
import { TEST_SESSION_KEY_SECRET } from './stack';

const entry = appEntryPoints(join(__dirname, '..', '..', 'dist'));

export const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The apps the sandbox plays and publics serves in the gateway suites: the first is the default. */
export const GATEWAY_APPS = [
  { appid: 'wx-gateway-main', secret: 'gateway-main-secret-value' },
  { appid: 'wx-gateway-shop', secret: 'gateway-shop-secret-value' },
] as const;

/** A fresh REDIS_KEY_PREFIX, so suites never meet each other's keys. */
export function randomKeyPrefix(): string {
  return `e2e-gw-${randomBytes(6).toString('hex')}:`;
}

/** One publics process and a ClientProxy to it over real TCP. */
export class PublicsInstance {
  constructor(
    readonly process: ManagedProcess,
    readonly client: ClientProxy,
  ) {}

  send<T>(pattern: PublicsPattern, payload: unknown): Promise<T> {
    return firstValueFrom(this.client.send<T>(pattern, payload));
  }

  /** The error a call fails with (the test fails if it succeeds). */
  async failure(pattern: PublicsPattern, payload: unknown): Promise<Record<string, unknown>> {
    const outcome = await this.send(pattern, payload).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
    return outcome.error as Record<string, unknown>;
  }

  async stop(): Promise<void> {
    await this.client.close();
    await this.process.stop();
  }
}

/** The sandbox playing GATEWAY_APPS, and the publics processes the test starts against it. */
export class GatewayStack {
  private readonly instances: PublicsInstance[] = [];

  private constructor(
    readonly sandbox: ManagedProcess,
    readonly sandboxUrl: string,
  ) {}

  static async start(sandboxEnv: Record<string, string> = {}): Promise<GatewayStack> {
    const port = await freePort();
    const [main, ...extra] = GATEWAY_APPS;
    const sandbox = new ManagedProcess({
      name: 'wechat-sandbox',
      script: entry.sandbox,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        WECHAT_SANDBOX_PORT: String(port),
        WECHAT_SANDBOX_APPID: main.appid,
        WECHAT_SANDBOX_SECRET: main.secret,
        WECHAT_SANDBOX_APPS: JSON.stringify(extra),
        ...sandboxEnv,
      },
      port,
    });
    await sandbox.start();
    return new GatewayStack(sandbox, `http://127.0.0.1:${port}`);
  }

  /** A publics process serving GATEWAY_APPS through the sandbox. */
  async startPublics(name: string, env: Record<string, string> = {}): Promise<PublicsInstance> {
    const port = await freePort();
    const process = new ManagedProcess({
      name,
      script: entry.publics,
      env: {
        PATH: globalThis.process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'debug',
        PUBLICS_PORT: String(port),
        PUBLICS_HEALTH_PORT: '0',
        WECHAT_API_BASE: this.sandboxUrl,
        WECHAT_APPS: JSON.stringify(GATEWAY_APPS),
        WECHAT_RETRY_DELAY_MS: '20',
        SESSION_KEY_SECRET: TEST_SESSION_KEY_SECRET,
        ...env,
      },
      port,
    });
    await process.start();
    const client = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: '127.0.0.1', port },
    });
    const instance = new PublicsInstance(process, client);
    this.instances.push(instance);
    return instance;
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.stop()));
    await this.sandbox.stop();
  }

  /** Everything the sandbox and the publics processes logged. */
  logs(): string {
    return [this.sandbox.output, ...this.instances.map((i) => i.process.output)].join('\n');
  }

  // The sandbox's steering endpoints.

  async steer<T = Record<string, unknown>>(
    path: string,
    body?: unknown,
    method?: string,
  ): Promise<T> {
    const response = await request<T>(`${this.sandboxUrl}/sandbox/${path}`, { body, method });
    if (response.status >= 300) {
      throw new Error(`sandbox ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  async stableTokenRequests(appid: string = GATEWAY_APPS[0].appid): Promise<number> {
    const body = await this.steer<{ count: number }>(
      `stable-token-requests?appid=${encodeURIComponent(appid)}`,
      undefined,
      'GET',
    );
    return body.count;
  }

  revokeToken(appid: string = GATEWAY_APPS[0].appid): Promise<{ revoked: boolean }> {
    return this.steer('access-tokens/revoke', { appid });
  }

  injectFault(fault: { api: string; errcode?: number; failures?: number; delayMs?: number }) {
    return this.steer('faults', fault);
  }

  async clearFaults(): Promise<void> {
    const response = await fetch(`${this.sandboxUrl}/sandbox/faults`, { method: 'DELETE' });
    if (response.status !== 204) throw new Error(`clearing faults: ${response.status}`);
  }
}
