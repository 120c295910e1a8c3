import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Preloaded into a service with NODE_OPTIONS=--require when BENCH_CPU_PROFILE_DIR
 * is set (Node 20 refuses --cpu-prof in NODE_OPTIONS): samples the process from
 * start to exit and writes <name>-<pid>.cpuprofile (Chrome DevTools, speedscope) there.
 */
const directory = process.env.BENCH_CPU_PROFILE_DIR;
const name = process.env.BENCH_CPU_PROFILE_NAME ?? 'process';
if (directory) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // The in-thread session answers synchronously, so this completes inside the exit handler.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) {
        console.error(`bench: no CPU profile: ${error.message}`);
        return;
      }
      mkdirSync(directory, { recursive: true });
      const file = join(directory, `${name}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
