import type { ConnectionOptions } from 'nats';

/** Pause between reconnection attempts to one server. */
const RECONNECT_WAIT_MS = 500;

/**
 * How both apps connect to NATS: reconnect for ever (nats.js gives up after 10
 * tries by default) and, at start, wait for a server instead of failing.
 */
export function natsConnectionOptions(natsUrl: string, name: string): ConnectionOptions {
  return {
    servers: natsUrl.split(',').map((server) => server.trim()),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    waitOnFirstConnect: true,
  };
}
