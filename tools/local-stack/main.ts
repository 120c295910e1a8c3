import { join } from 'node:path';

import { urlHost } from '@app/common';

import { ensureMysqlDatabase } from './ensure-database';
import { ManagedProcess } from './managed-process';
import { appEntryPoints, stackEnvs, stackHosts } from './stack-env';

/**
 * `npm start`: the WeChat sandbox, publics and customer on this machine, wired
 * together on development defaults. Every app variable can be overridden from
 * the environment. Ctrl-C or SIGTERM stops all three.
 */
function port(name: string, fallback: number): number {
  const value = process.env[name];
  return value ? Number(value) : fallback;
}

async function main(): Promise<void> {
  const ports = {
    sandbox: port('WECHAT_SANDBOX_PORT', 4100),
    publics: port('PUBLICS_PORT', 4000),
    publicsHealth: port('PUBLICS_HEALTH_PORT', 4001),
    customer: port('CUSTOMER_PORT', 3000),
    customerRpc: port('CUSTOMER_RPC_PORT', 3001),
  };
  if (process.env.DATABASE_URL) {
    try {
      await ensureMysqlDatabase(process.env.DATABASE_URL);
    } catch (error) {
      console.error(
        `Cannot prepare the MySQL database: ${error instanceof Error ? error.message : error}`,
      );
      process.exit(1);
    }
  }
  const envs = stackEnvs(process.env, ports);
  const hosts = stackHosts(process.env);
  const entry = appEntryPoints(join(__dirname, '..', '..'));
  const processes = [
    new ManagedProcess({
      name: 'wechat-sandbox',
      script: entry.sandbox,
      env: envs.sandbox,
      port: ports.sandbox,
      host: hosts.sandbox,
      output: 'inherit',
    }),
    new ManagedProcess({
      name: 'publics',
      script: entry.publics,
      env: envs.publics,
      port: ports.publics,
      host: hosts.publics,
      output: 'inherit',
    }),
    new ManagedProcess({
      name: 'customer',
      script: entry.customer,
      env: envs.customer,
      port: ports.customer,
      host: hosts.customer,
      output: 'inherit',
    }),
  ];

  let stopping = false;
  const stopAll = async (exitCode: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      for (const child of [...processes].reverse()) await child.stop();
    }
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  for (const child of processes) {
    try {
      await child.start();
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      await stopAll(1);
    }
    void child.exit.then((code) => {
      if (!stopping) {
        console.error(
          `${child.options.name} stopped unexpectedly (exit code ${code}); stopping the others.`,
        );
        void stopAll(1);
      }
    });
  }

  const database = process.env.DATABASE_URL
    ? `MySQL (${process.env.DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@')})`
    : `embedded SQLite (${process.env.SQLITE_PATH ?? 'data/customer.sqlite'})`;
  const at = (app: keyof typeof hosts, appPort: number) => `${urlHost(hosts[app])}:${appPort}`;
  const sandboxUrl = `http://${at('sandbox', ports.sandbox)}`;
  const customerUrl = `http://${at('customer', ports.customer)}`;
  console.log(`
  WeChat sandbox  ${sandboxUrl}
  publics         tcp://${at('publics', ports.publics)}   health: http://${at('publics', ports.publicsHealth)}/health/ready
  customer        ${customerUrl}   database: ${database}   user RPC: tcp://${at('customer', ports.customerRpc)}

  Try it (mint a sandbox code, then log in with it):
    CODE=$(curl -s -X POST ${sandboxUrl}/sandbox/codes -H 'content-type: application/json' -d '{"user":"alice"}' | sed -E 's/.*"code":"([^"]+)".*/\\1/')
    curl -s -X POST ${customerUrl}/login -H 'content-type: application/json' -d "{\\"code\\":\\"$CODE\\"}"

  Ctrl-C stops all three.
`);
}

void main();
