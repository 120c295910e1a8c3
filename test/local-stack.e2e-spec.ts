import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import mysql from 'mysql2/promise';

import { freePort } from '../tools/net/free-port';
import { mintCode, request } from './support/http';
import { describeOnMariaDb, MARIADB_URL } from './support/test-database';

const launcher = join(__dirname, '..', 'dist', 'tools', 'local-stack', 'main.js');

function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => resolve(socket.destroy() && true));
    socket.once('error', () => resolve(false));
  });
}

/** The free ports of one local stack, as npm start's variables name them. */
async function stackPorts() {
  return {
    sandbox: await freePort(),
    publics: await freePort(),
    customer: await freePort(),
    customerRpc: await freePort(),
    publicsHealth: await freePort(),
  };
}

type StackPorts = Awaited<ReturnType<typeof stackPorts>>;

/** What `npm start` runs after building, as a child process whose output is kept. */
function launch(ports: StackPorts, env: Record<string, string>) {
  const child = spawn(process.execPath, [launcher], {
    env: {
      PATH: process.env.PATH,
      WECHAT_SANDBOX_PORT: String(ports.sandbox),
      PUBLICS_PORT: String(ports.publics),
      PUBLICS_HEALTH_PORT: String(ports.publicsHealth),
      CUSTOMER_PORT: String(ports.customer),
      CUSTOMER_RPC_PORT: String(ports.customerRpc),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    exited,
    output: () => output,
    /** Resolves once the banner is out, the launcher has ended, or 30 s have passed. */
    async ready(): Promise<void> {
      const deadline = Date.now() + 30_000;
      while (
        !output.includes('Ctrl-C stops all three') &&
        Date.now() < deadline &&
        child.exitCode === null
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** What `npm start` runs after building: the three apps, wired, on the embedded database. */
describe('the local stack (npm start)', () => {
  it("starts all three apps, prints publics' health URL and a curl example that logs in, and stops all three on SIGTERM", async () => {
    const ports = await stackPorts();
    const dataDir = mkdtempSync(join(tmpdir(), 'local-stack-'));
    const stack = launch(ports, { SQLITE_PATH: join(dataDir, 'customer.sqlite') });
    const { child, exited } = stack;

    try {
      await stack.ready();
      const output = stack.output();
      expect(output).toContain(`customer        http://127.0.0.1:${ports.customer}`);
      const publicsReady = `http://127.0.0.1:${ports.publicsHealth}/health/ready`;
      expect(output).toContain(
        `publics         tcp://127.0.0.1:${ports.publics}   health: ${publicsReady}`,
      );
      expect((await fetch(publicsReady)).status).toBe(200);
      expect(output).toContain(`WeChat sandbox  http://127.0.0.1:${ports.sandbox}`);

      const example = output
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.startsWith('CODE=$(curl') || line.startsWith('curl -s -X POST'));
      expect(example).toHaveLength(2);
      const { stdout } = await promisify(execFile)('bash', ['-c', example.join('\n')]);
      const login = JSON.parse(stdout) as { token: string; user: { id: string; nickname: string } };
      expect(login.token.split('.')).toHaveLength(3);
      expect(login.user.nickname).toMatch(/^普通用户\d{5}$/);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const port of Object.values(ports)) {
        expect(await listening(port)).toBe(false);
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the local stack on the addresses CUSTOMER_HOST and PUBLICS_HOST name', () => {
  it('prints those addresses, logs in through them, and stops all three on Ctrl-C (SIGINT)', async () => {
    const ports = await stackPorts();
    // Loopback addresses other than 127.0.0.1 (Linux routes all of 127/8 to lo).
    const hosts = { customer: '127.0.0.2', publics: '127.0.0.3' };
    const dataDir = mkdtempSync(join(tmpdir(), 'local-stack-'));
    const stack = launch(ports, {
      CUSTOMER_HOST: hosts.customer,
      PUBLICS_HOST: hosts.publics,
      SQLITE_PATH: join(dataDir, 'customer.sqlite'),
    });
    const { child, exited } = stack;

    try {
      await stack.ready();
      const output = stack.output();
      const publicsReady = `http://${hosts.publics}:${ports.publicsHealth}/health/ready`;
      expect(output).toContain(`customer        http://${hosts.customer}:${ports.customer}`);
      expect(output).toContain(
        `publics         tcp://${hosts.publics}:${ports.publics}   health: ${publicsReady}`,
      );
      expect(output).not.toContain(`127.0.0.1:${ports.customer}`);
      expect((await fetch(publicsReady)).status).toBe(200);
      const { code } = await mintCode(`http://127.0.0.1:${ports.sandbox}`, { user: 'elsewhere' });
      const login = await request(`http://${hosts.customer}:${ports.customer}/login`, {
        body: { code },
      });
      expect(login.status).toBe(200);

      child.kill('SIGINT');

      expect(await exited).toBe(0);
      expect(await listening(ports.sandbox)).toBe(false);
      expect(await listening(ports.publics, hosts.publics)).toBe(false);
      expect(await listening(ports.publicsHealth, hosts.publics)).toBe(false);
      expect(await listening(ports.customer, hosts.customer)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describeOnMariaDb('the local stack on MySQL (DATABASE_URL=… npm start)', () => {
  it('creates the database DATABASE_URL names when it is missing, migrates it and logs in on it', async () => {
    const name = `start_${Date.now()}`;
    const admin = await mysql.createConnection({ uri: MARIADB_URL });
    const ports = await stackPorts();
    const stack = launch(ports, { DATABASE_URL: `${MARIADB_URL}/${name}` });
    const { child, exited } = stack;
    try {
      await stack.ready();
      const { code } = await mintCode(`http://127.0.0.1:${ports.sandbox}`, { user: 'on-mysql' });
      const login = await request(`http://127.0.0.1:${ports.customer}/login`, { body: { code } });

      expect(login.status).toBe(200);
      const [rows] = await admin.query(
        `SELECT CAST(id AS CHAR) AS id FROM \`${name}\`.common_user`,
      );
      expect(rows).toEqual([{ id: (login.body.user as { id: string }).id }]);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    }
  });
});
