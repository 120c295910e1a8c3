import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Preloaded into a service with NODE_OPTIONS=--require when BENCH_HEAP_PROFILE_DIR is set:
 * samples the process' allocations from start to exit, garbage included (the objects that
 * scavenges and mark-compacts collected), and writes <name>-<pid>.heapprofile (Chrome
 * DevTools' Memory tab, speedscope) there: where the bytes are allocated, not what stays.
 */
const directory = process.env.BENCH_HEAP_PROFILE_DIR;
const name = process.env.BENCH_HEAP_PROFILE_NAME ?? 'process';
if (directory) {
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.enable');
  session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  // The in-thread session answers synchronously, so this completes inside the exit handler.
  process.once('exit', () => {
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (error) {
        console.error(`bench: no heap profile: ${error.message}`);
        return;
      }
      mkdirSync(directory, { recursive: true });
      writeFileSync(
        join(directory, `${name}-${process.pid}.heapprofile`),
        JSON.stringify(result.profile),
      );
    });
  });
}
