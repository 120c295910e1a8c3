import { randomInt } from 'node:crypto';

/** The name of known user i: "bench-user-0" … */
export function knownUserName(index: number): string {
  return `bench-user-${index}`;
}

/** Names of `count` random known users (repeats allowed: one fresh code each). */
export function randomKnownUsers(count: number, knownUsers: number): string[] {
  return Array.from({ length: count }, () => knownUserName(randomInt(knownUsers)));
}

/** Names never used before in this run (nor, with the run tag, in an earlier one). */
export class NewUserNames {
  private next = 0;
  private readonly tag = Date.now().toString(36);

  take(count: number): string[] {
    return Array.from({ length: count }, () => `bench-new-${this.tag}-${this.next++}`);
  }
}

/** One fresh sandbox code for each user, in order, `concurrency` requests at a time. */
export async function mintCodes(
  sandboxUrl: string,
  users: readonly string[],
  concurrency: number,
): Promise<string[]> {
  const codes = new Array<string>(users.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < users.length) {
      const index = next++;
      codes[index] = await mintCode(sandboxUrl, users[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, users.length) }, worker));
  return codes;
}

async function mintCode(sandboxUrl: string, user: string): Promise<string> {
  const response = await fetch(`${sandboxUrl}/sandbox/codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  const text = await response.text();
  const body = response.status === 201 ? (JSON.parse(text) as { code?: unknown }) : undefined;
  if (typeof body?.code !== 'string') {
    throw new Error(`minting a sandbox code failed: ${response.status} ${text}`);
  }
  return body.code;
}

/**
 * Single-use codes handed out once each. When it runs dry it says so rather
 * than hand a code out twice, and counts how often that happened.
 */
export class CodePool {
  private dryCount = 0;

  constructor(private readonly codes: string[]) {}

  get size(): number {
    return this.codes.length;
  }

  /** Requests that found the pool empty. */
  get dry(): number {
    return this.dryCount;
  }

  take(): string | undefined {
    const code = this.codes.pop();
    if (code === undefined) this.dryCount += 1;
    return code;
  }
}
