import { join } from 'node:path';

import { connectableHost, SANDBOX_APPID, SANDBOX_SECRET, urlHost } from '@app/common';

export type StackApp = 'sandbox' | 'publics' | 'customer';

/** Where `npm run build` puts each app's entry point, below the dist folder. */
export function appEntryPoints(distRoot: string): Record<StackApp, string> {
  const entry = (app: string) => join(distRoot, 'apps', app, 'src', 'main.js');
  return {
    sandbox: entry('wechat-sandbox'),
    publics: entry('publics'),
    customer: entry('customer'),
  };
}

export interface StackPorts {
  sandbox: number;
  publics: number;
  customer: number;
  /** customer's RPC port; unset: CUSTOMER_RPC_PORT from the environment, else customer's default (3001). */
  customerRpc?: number;
  /** publics' health and metrics HTTP port; unset: PUBLICS_HEALTH_PORT from the environment, else any free port. */
  publicsHealth?: number;
}

export type StackHosts = Record<StackApp, string>;

/** The address of each app of the local stack, from CUSTOMER_HOST, PUBLICS_HOST and WECHAT_SANDBOX_HOST. */
export function stackHosts(env: NodeJS.ProcessEnv): StackHosts {
  return {
    sandbox: connectableHost(env.WECHAT_SANDBOX_HOST),
    publics: connectableHost(env.PUBLICS_HOST),
    customer: connectableHost(env.CUSTOMER_HOST),
  };
}

export interface StackEnvs {
  sandbox: NodeJS.ProcessEnv;
  publics: NodeJS.ProcessEnv;
  customer: NodeJS.ProcessEnv;
}

/**
 * The environment of each process of the local stack: the caller's variables win,
 * the rest wires the three together (publics → sandbox, customer → publics).
 */
export function stackEnvs(base: NodeJS.ProcessEnv, ports: StackPorts): StackEnvs {
  const appid = base.WECHAT_APPID ?? SANDBOX_APPID;
  const secret = base.WECHAT_SECRET ?? SANDBOX_SECRET;
  const shared = { NODE_ENV: 'development', ...base };
  return {
    sandbox: {
      ...shared,
      WECHAT_SANDBOX_PORT: String(ports.sandbox),
      WECHAT_SANDBOX_APPID: base.WECHAT_SANDBOX_APPID ?? appid,
      WECHAT_SANDBOX_SECRET: base.WECHAT_SANDBOX_SECRET ?? secret,
    },
    publics: {
      ...shared,
      PUBLICS_PORT: String(ports.publics),
      PUBLICS_HEALTH_PORT: String(ports.publicsHealth ?? base.PUBLICS_HEALTH_PORT ?? 0),
      WECHAT_API_BASE:
        base.WECHAT_API_BASE ?? `http://${urlHost(stackHosts(base).sandbox)}:${ports.sandbox}`,
      WECHAT_APPID: appid,
      WECHAT_SECRET: secret,
    },
    customer: {
      ...shared,
      CUSTOMER_PORT: String(ports.customer),
      PUBLICS_PORT: String(ports.publics),
      WECHAT_APPIDS: base.WECHAT_APPIDS ?? appid,
      ...(ports.customerRpc !== undefined && { CUSTOMER_RPC_PORT: String(ports.customerRpc) }),
      DB_MIGRATE: base.DB_MIGRATE ?? (base.DATABASE_URL ? 'true' : 'false'),
    },
  };
}
