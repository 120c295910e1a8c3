/** Result of `health.ping`: publics is up and answers RPC. The payload is ignored (send `{}`). */
export interface HealthPingResult {
  status: 'ok';
}
