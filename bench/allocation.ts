import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ANSWER_TIMEOUT_MS = 5000;

interface HeapMeterReading {
  sequence: number;
  allocatedBytes: number;
}

/** Asks the services' heap meters (heap-meter.ts) for their allocation counters. */
export class AllocationReader<Name extends string> {
  private readonly sequences = new Map<Name, number>();

  constructor(
    private readonly directory: string,
    private readonly pids: Record<Name, number>,
  ) {}

  /** Bytes each service has allocated on V8's heap since it started. */
  async read(): Promise<Record<Name, number>> {
    const names = Object.keys(this.pids) as Name[];
    const readings = await Promise.all(names.map((name) => this.readOne(name)));
    const result = {} as Record<Name, number>;
    names.forEach((name, index) => (result[name] = readings[index]));
    return result;
  }

  private async readOne(name: Name): Promise<number> {
    const expected = (this.sequences.get(name) ?? 0) + 1;
    process.kill(this.pids[name], 'SIGUSR2');
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const reading = this.tryRead(name);
      if (reading && reading.sequence >= expected) {
        this.sequences.set(name, reading.sequence);
        return reading.allocatedBytes;
      }
      await sleep(10);
    }
    throw new Error(`${name} did not report its allocation within ${ANSWER_TIMEOUT_MS} ms`);
  }

  private tryRead(name: Name): HeapMeterReading | undefined {
    try {
      return JSON.parse(
        readFileSync(join(this.directory, `${name}.json`), 'utf8'),
      ) as HeapMeterReading;
    } catch {
      return undefined;
    }
  }
}

/** Allocation of each service over one load run, per request. */
export class AllocationMeter<Name extends string> {
  private constructor(
    private readonly reader: AllocationReader<Name>,
    private readonly before: Record<Name, number>,
  ) {}

  static async start<Name extends string>(
    reader: AllocationReader<Name>,
  ): Promise<AllocationMeter<Name>> {
    return new AllocationMeter(reader, await reader.read());
  }

  async bytesPerRequest(requests: number): Promise<Record<Name, number>> {
    const after = await this.reader.read();
    const result = {} as Record<Name, number>;
    for (const name of Object.keys(after) as Name[]) {
      result[name] = requests > 0 ? (after[name] - this.before[name]) / requests : Number.NaN;
    }
    return result;
  }
}
