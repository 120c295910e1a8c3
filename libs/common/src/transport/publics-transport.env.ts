import { IsIn, Matches } from 'class-validator';

import { RedisEnv } from '../redis/redis.env';

export const PublicsTransport = { Tcp: 'tcp', Nats: 'nats' } as const;
export type PublicsTransport = (typeof PublicsTransport)[keyof typeof PublicsTransport];

/** The variables of both ends of the publics RPC: customer (the caller) and publics (the server). */
export class PublicsTransportEnv extends RedisEnv {
  /** tcp: one publics at PUBLICS_HOST:PUBLICS_PORT; nats: any number of publics behind NATS_URL. */
  @IsIn(Object.values(PublicsTransport))
  PUBLICS_TRANSPORT: PublicsTransport = PublicsTransport.Tcp;

  /** Comma-separated NATS servers, e.g. nats://10.0.0.1:4222,nats://10.0.0.2:4222. */
  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, {
    message: 'NATS_URL must be nats://host:port (or tls://…), several separated by commas',
  })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** Every RPC subject starts with it, so deployments (or tests) sharing one NATS never meet. */
  @Matches(/^[A-Za-z0-9_-]{1,32}(\.[A-Za-z0-9_-]{1,32}){0,3}$/, {
    message:
      'NATS_SUBJECT_PREFIX must be 1–4 dot-separated tokens of letters, digits, "_" or "-" (e.g. wlp or acme.prod)',
  })
  NATS_SUBJECT_PREFIX: string = 'wlp';
}
