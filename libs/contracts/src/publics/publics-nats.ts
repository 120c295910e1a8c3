import { PublicsPattern } from './publics.constants';

/** Every publics instance subscribes in this queue group, so NATS hands each request to exactly one of them. */
export const PUBLICS_NATS_QUEUE = 'publics';

/** The NATS subject of a message pattern under a deployment's NATS_SUBJECT_PREFIX, e.g. `wlp.wechat.code2session`. */
export function publicsNatsSubject(prefix: string, pattern: PublicsPattern | string): string {
  return `${prefix}.${pattern}`;
}
