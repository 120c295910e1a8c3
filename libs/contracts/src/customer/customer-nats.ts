import { CustomerPattern } from './customer.constants';

/** Every customer instance serving RPC over NATS subscribes in this queue group: one instance answers each request. */
export const CUSTOMER_NATS_QUEUE = 'customer';

/** The NATS subject of customer's message pattern under a deployment's NATS_SUBJECT_PREFIX, e.g. `wlp.user.findById`. */
export function customerNatsSubject(prefix: string, pattern: CustomerPattern | string): string {
  return `${prefix}.${pattern}`;
}
