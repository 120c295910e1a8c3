import { natsConnectionOptions, PublicsTransport } from '@app/common';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { PublicsConfig } from '../config/publics.env';
import { PublicsNatsServer } from './publics-nats.server';

/** Injects `PublicsNatsServer | null`: null when PUBLICS_TRANSPORT is tcp. */
export const PUBLICS_NATS_SERVER = Symbol('PUBLICS_NATS_SERVER');

/** Slack beyond the WeChat calls themselves for a request to be answered during shutdown. */
const ANSWER_SLACK_MS = 1000;

/**
 * The NATS server is a provider, not only a transport main.ts starts, so that
 * shutdown stops its subscriptions first (onModuleDestroy) and health sees its state.
 */
@Module({
  providers: [
    {
      provide: PUBLICS_NATS_SERVER,
      inject: [ConfigService],
      useFactory: (config: ConfigService<PublicsConfig, true>): PublicsNatsServer | null => {
        if (config.get('PUBLICS_TRANSPORT', { infer: true }) !== PublicsTransport.Nats) return null;
        const wechatTimeoutMs = config.get('WECHAT_TIMEOUT_MS', { infer: true });
        return new PublicsNatsServer({
          subjectPrefix: config.get('NATS_SUBJECT_PREFIX', { infer: true }),
          nats: natsConnectionOptions(config.get('NATS_URL', { infer: true }), 'publics'),
          // A -1 is retried once: two calls and the pause between them.
          drainTimeoutMs:
            2 * wechatTimeoutMs +
            config.get('WECHAT_RETRY_DELAY_MS', { infer: true }) +
            ANSWER_SLACK_MS,
        });
      },
    },
  ],
  exports: [PUBLICS_NATS_SERVER],
})
export class RpcModule {}
