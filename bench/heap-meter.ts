import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GCProfiler, getHeapStatistics } from 'node:v8';

/**
 * Preloaded into a service with NODE_OPTIONS=--require when the bench measures allocation:
 * counts the bytes the process has allocated on V8's heap since it started (what each garbage
 * collection found in use before it ran, less what the previous one left, plus what is in use
 * now), and on SIGUSR2 writes `{ "sequence": n, "allocatedBytes": … }` to
 * <BENCH_HEAP_METER_DIR>/<BENCH_HEAP_METER_NAME>.json (see allocation.ts).
 */
const directory = process.env.BENCH_HEAP_METER_DIR;
const name = process.env.BENCH_HEAP_METER_NAME ?? 'process';
if (directory) {
  let profiler = new GCProfiler();
  profiler.start();
  let allocatedBeforeLastGc = 0;
  let usedAfterLastGc = getHeapStatistics().used_heap_size;
  let sequence = 0;
  const file = join(directory, `${name}.json`);

  process.on('SIGUSR2', () => {
    const { statistics } = profiler.stop();
    profiler = new GCProfiler();
    profiler.start();
    for (const gc of statistics) {
      allocatedBeforeLastGc += gc.beforeGC.heapStatistics.usedHeapSize - usedAfterLastGc;
      usedAfterLastGc = gc.afterGC.heapStatistics.usedHeapSize;
    }
    const allocatedBytes =
      allocatedBeforeLastGc + getHeapStatistics().used_heap_size - usedAfterLastGc;
    sequence += 1;
    // Written aside and renamed, so that the bench never reads half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify({ sequence, allocatedBytes }));
    renameSync(`${file}.tmp`, file);
  });
}
