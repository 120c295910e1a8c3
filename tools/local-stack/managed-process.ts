import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ManagedProcessOptions {
  /** Short name for messages, e.g. "publics". */
  name: string;
  /** The compiled entry point to run with node. */
  script: string;
  env: NodeJS.ProcessEnv;
  /** The port that accepts connections once the process is ready. */
  port: number;
  host?: string;
  /** inherit: output goes to this terminal; capture: kept in `output` (and shown on failure). */
  output?: 'inherit' | 'capture';
  readyTimeoutMs?: number;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A node process of one of our apps: started, awaited until its port answers, stopped by signal. */
export class ManagedProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  private readonly captured: string[] = [];

  constructor(readonly options: ManagedProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** Everything the process wrote, when started with output: 'capture'. */
  get output(): string {
    return this.captured.join('');
  }

  /** Resolves with the exit code once the process has ended. */
  get exit(): Promise<number | null> {
    return this.exited ?? Promise.resolve(null);
  }

  async start(): Promise<void> {
    const { script, env, output = 'capture' } = this.options;
    const child = spawn(process.execPath, [script], {
      env,
      stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.captured.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.captured.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await this.waitUntilReady();
  }

  /** Sends the signal and waits for the exit; SIGKILL if it has not ended in time. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<number | null> {
    if (!this.child || !this.running) return this.exit;
    this.child.kill(signal);
    const timedOut = Symbol('timeout');
    // Unreferenced: a stop that ended in time must not hold the event loop open for the rest of the timeout.
    const result = await Promise.race([this.exit, sleep(timeoutMs, timedOut, { ref: false })]);
    if (result === timedOut) {
      this.child.kill('SIGKILL');
      return this.exit;
    }
    return result as number | null;
  }

  private async waitUntilReady(): Promise<void> {
    const { name, host = '127.0.0.1', port, readyTimeoutMs = 30_000 } = this.options;
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(
          `${name} exited before it was ready (code ${this.child?.exitCode}):\n${this.output}`,
        );
      }
      if (await canConnect(host, port)) return;
      await sleep(50);
    }
    await this.stop('SIGKILL');
    throw new Error(
      `${name} did not listen on ${host}:${port} within ${readyTimeoutMs} ms:\n${this.output}`,
    );
  }
}
