import { randomBytes } from 'node:crypto';

export const E2E_NATS_URL = process.env.E2E_NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * Variables that put customer and publics on the real NATS under a subject
 * prefix of their own, so that tests and deployments sharing it never meet.
 */
export function natsTestEnv(): Record<string, string> {
  return {
    PUBLICS_TRANSPORT: 'nats',
    NATS_URL: E2E_NATS_URL,
    NATS_SUBJECT_PREFIX: `e2e_${randomBytes(5).toString('hex')}`,
  };
}

/** Whether these variables put publics on NATS (which then has no TCP port: it is ready once its health port answers). */
export function usesNats(env: NodeJS.ProcessEnv): boolean {
  return env.PUBLICS_TRANSPORT === 'nats';
}
