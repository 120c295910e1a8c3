import { sampleSum } from '../tools/metrics/prometheus-text';

/** Logins each instance counted during one run, in the order of the stack's instances. */
export interface LoginSpread {
  /** customer's login_requests_total, every outcome. */
  customers: number[];
  /** publics' wechat_code2session_total, every outcome. */
  publics: number[];
}

/**
 * The connections autocannon opens to each of `urls` when given them all: connection i goes
 * to urls[i % urls.length], so they split evenly, the first ones getting one more when the
 * division leaves a remainder.
 */
export function connectionsPerUrl(connections: number, urls: number): number[] {
  return Array.from(
    { length: urls },
    (_, index) => Math.floor(connections / urls) + (index < connections % urls ? 1 : 0),
  );
}

/** Each count's share of their total (0 for all when the total is 0). */
export function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => (total > 0 ? count / total : 0));
}

/** Element-wise sums of spreads with the same instances (the rounds of one workload). */
export function addSpreads(spreads: readonly LoginSpread[]): LoginSpread | undefined {
  if (spreads.length === 0) return undefined;
  const add = (lists: number[][]) => lists[0].map((_, i) => lists.reduce((s, l) => s + l[i], 0));
  return {
    customers: add(spreads.map((spread) => spread.customers)),
    publics: add(spreads.map((spread) => spread.publics)),
  };
}

/** Reads the login counters of every instance from its /metrics. */
export class SpreadMeter {
  private constructor(
    private readonly urls: { customers: string[]; publics: string[] },
    private readonly before: LoginSpread,
  ) {}

  static async start(urls: { customers: string[]; publics: string[] }): Promise<SpreadMeter> {
    return new SpreadMeter(urls, await readSpread(urls));
  }

  /** Logins each instance counted since start(). */
  async read(): Promise<LoginSpread> {
    const after = await readSpread(this.urls);
    return {
      customers: after.customers.map((count, i) => count - this.before.customers[i]),
      publics: after.publics.map((count, i) => count - this.before.publics[i]),
    };
  }
}

async function counter(url: string, name: string): Promise<number> {
  const response = await fetch(`${url}/metrics`);
  if (!response.ok) throw new Error(`GET ${url}/metrics answered ${response.status}`);
  return sampleSum(await response.text(), name);
}

async function readSpread(urls: { customers: string[]; publics: string[] }): Promise<LoginSpread> {
  const [customers, publics] = await Promise.all([
    Promise.all(urls.customers.map((url) => counter(url, 'login_requests_total'))),
    Promise.all(urls.publics.map((url) => counter(url, 'wechat_code2session_total'))),
  ]);
  return { customers, publics };
}
