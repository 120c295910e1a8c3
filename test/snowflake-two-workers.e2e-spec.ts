import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { decomposeSnowflakeId } from '@app/common';

const snowflake = join(__dirname, '..', 'dist', 'libs', 'common', 'src', 'snowflake', 'index.js');

/** One process making ids as fast as it can, printing them one per line. */
async function generate(workerId: number, count: number): Promise<bigint[]> {
  const script = `
    const { SnowflakeGenerator } = require(${JSON.stringify(snowflake)});
    const generator = new SnowflakeGenerator({ workerId: ${workerId} });
    const ids = new Array(${count});
    for (let i = 0; i < ${count}; i++) ids[i] = generator.nextId();
    process.stdout.write(ids.join('\\n'));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.split('\n').map((line) => BigInt(line));
}

describe('snowflake ids from two instances', () => {
  it('has no duplicate among 200,000 ids made concurrently by two processes with different worker ids', async () => {
    const [first, second] = await Promise.all([generate(1, 100_000), generate(2, 100_000)]);

    expect(new Set([...first, ...second]).size).toBe(200_000);
    expect(first.every((id) => decomposeSnowflakeId(id).workerId === 1)).toBe(true);
    expect(second.every((id) => decomposeSnowflakeId(id).workerId === 2)).toBe(true);
  });
});
