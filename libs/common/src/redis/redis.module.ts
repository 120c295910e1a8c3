import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';

import { RedisEnv } from './redis.env';

/** Injects `Redis | null`: null when REDIS_URL is unset (state stays in process memory). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Longest pause between reconnection attempts; ioredis keeps trying for ever. */
const MAX_RECONNECT_DELAY_MS = 2000;
const FIRST_CONNECTION_WAIT_MS = 2000;

/**
 * One ioredis connection per process, made for failing fast: no offline queue and one
 * retry per command, so a caller whose Redis is gone gets an error at once and falls back
 * to its in-memory path instead of waiting.
 */
export function createRedisClient(url: string, keyPrefix: string, connectionName: string): Redis {
  return new Redis(url, {
    keyPrefix,
    connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
}

/** Logs a lost connection once per outage (ioredis emits an error per reconnection attempt) and its return. */
function watchConnection(client: Redis, logger: Logger): void {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(
      `Redis unreachable (${error.message}): falling back to process memory until it returns`,
    );
  });
  client.on('ready', () => {
    if (down) logger.log('Redis reachable again');
    down = false;
  });
}

/** Waits for the first connection, at most the connect timeout: an app whose Redis is down still starts, on memory. */
function firstConnection(client: Redis): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('ready', done);
      client.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, FIRST_CONNECTION_WAIT_MS);
    client.once('ready', done);
    client.once('error', done);
  });
}

@Injectable()
class RedisLifecycle implements OnModuleDestroy {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis | null) {}

  async onModuleDestroy(): Promise<void> {
    if (!this.client) return;
    await this.client.quit().catch(() => this.client?.disconnect());
  }
}

/** Global: the app's one Redis connection (or null), from REDIS_URL and REDIS_KEY_PREFIX. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(connectionName: string): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS_CLIENT,
          inject: [ConfigService],
          useFactory: async (config: ConfigService<RedisEnv, true>): Promise<Redis | null> => {
            const url = config.get('REDIS_URL', { infer: true });
            if (!url) return null;
            const client = createRedisClient(
              url,
              config.get('REDIS_KEY_PREFIX', { infer: true }),
              connectionName,
            );
            watchConnection(client, new Logger(RedisModule.name));
            await firstConnection(client);
            return client;
          },
        },
        RedisLifecycle,
      ],
      exports: [REDIS_CLIENT],
    };
  }
}
