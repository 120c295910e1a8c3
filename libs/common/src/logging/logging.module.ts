import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';

import { REDACTED_LOG_PATHS } from './redaction';

export interface LoggingOptions {
  /** Service name written on every line. */
  name: string;
}

/** The query string may hold secrets (WeChat's API takes the app secret there): log the path only. */
function pathOnly(url: string | undefined): string | undefined {
  return url?.split('?', 1)[0];
}

/**
 * nestjs-pino set up the same way in every app: JSON in production, pretty in
 * development, secrets redacted. Request lines come from logRequests.
 * Reads LOG_LEVEL and NODE_ENV from the app's validated config.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => {
            const development = config.get<string>('NODE_ENV') === 'development';
            return {
              // No per-request middleware: apps log requests with logRequests (request-logging.ts).
              forRoutes: [],
              pinoHttp: {
                name: options.name,
                level: config.get<string>('LOG_LEVEL') ?? 'info',
                redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
                transport: development
                  ? { target: 'pino-pretty', options: { singleLine: true, colorize: true } }
                  : undefined,
                serializers: {
                  req: (req: { id?: string; method?: string; url?: string }) => ({
                    id: req.id,
                    method: req.method,
                    url: pathOnly(req.url),
                  }),
                  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
                },
              },
            };
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
