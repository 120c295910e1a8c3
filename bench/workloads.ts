import autocannon from 'autocannon';

import { CodePool, knownUserName, mintCodes } from './code-pool';

export type WorkloadName = 'baseline' | 'returning' | 'new';
export const WORKLOADS: readonly WorkloadName[] = ['baseline', 'returning', 'new'];
export type LoginWorkload = Exclude<WorkloadName, 'baseline'>;
export const LOGIN_WORKLOADS: readonly LoginWorkload[] = ['returning', 'new'];

/** What one autocannon run measured. */
export interface LoadSample {
  /** Requests answered (any status). */
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Requests that found the code pool empty (sent with an invalid code, ending the run). */
  dry: number;
}

export interface LoadOptions {
  /** Several: autocannon spreads the connections over them (connection i to url i mod n). */
  url: string | readonly string[];
  connections: number;
  /** Run for this many seconds… */
  seconds?: number;
  /** …or until this many requests have been answered. */
  amount?: number;
}

/** Sent when a pool ran dry: an invalid code (401), never a used one. */
const DRY_BODY = JSON.stringify({ code: 'bench-code-pool-ran-dry' });
const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * POST /login with the body `nextBody` gives for each request. When it gives
 * undefined (no code left) the run is counted dry and stopped.
 */
export function runLoad(
  options: LoadOptions,
  nextBody: () => string | undefined,
): Promise<LoadSample> {
  let dry = 0;
  let instance: autocannon.Instance | undefined;
  return new Promise((resolve, reject) => {
    instance = autocannon(
      {
        // autocannon takes a list of URLs too (its types say string only).
        url: (typeof options.url === 'string' ? options.url : [...options.url]) as string,
        connections: options.connections,
        // The run ends (and its duration is taken) at the first sample after the end: 100 ms at most.
        sampleInt: 100,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
        headers: JSON_HEADERS,
        requests: [
          {
            method: 'POST',
            path: '/login',
            setupRequest: (request) => {
              let body = nextBody();
              if (body === undefined) {
                dry += 1;
                body = DRY_BODY;
                instance?.stop();
              }
              return { ...request, body };
            },
          },
        ],
      },
      (error: unknown, result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const requests = result.requests.total;
        resolve({
          requests,
          seconds: result.duration,
          requestsPerSecond: result.duration > 0 ? requests / result.duration : 0,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors,
          dry,
        });
      },
    );
    // A pool that was empty from the first request ran dry before the instance existed.
    if (dry > 0) instance.stop();
  });
}

/** Bodies of logins with the pool's codes, one code per request. */
export function loginBodies(pool: CodePool): () => string | undefined {
  return () => {
    const code = pool.take();
    return code === undefined ? undefined : JSON.stringify({ code });
  };
}

/** The baseline's body: the same shape as a login, always the same. */
export function baselineBodies(): () => string {
  const body = JSON.stringify({ code: 'baseline-request-body-of-a-login-size' });
  return () => body;
}

/**
 * Logs known users 0…count-1 in once each, through the customers in turn, so that they
 * exist; throws on any failed login.
 */
export async function registerKnownUsers(
  endpoints: { sandboxUrl: string; customerUrls: readonly string[] },
  count: number,
  concurrency: number,
): Promise<void> {
  const users = Array.from({ length: count }, (_, index) => knownUserName(index));
  const codes = await mintCodes(endpoints.sandboxUrl, users, concurrency);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < codes.length) {
      const index = next++;
      const customerUrl = endpoints.customerUrls[index % endpoints.customerUrls.length];
      const response = await fetch(`${customerUrl}/login`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ code: codes[index] }),
      });
      const text = await response.text();
      if (response.status !== 200) {
        throw new Error(`logging ${users[index]} in failed: ${response.status} ${text}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, codes.length) }, worker));
}
