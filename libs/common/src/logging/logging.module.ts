import type { IncomingMessage, ServerResponse } from 'node:http';

import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';

import { REDACTED_LOG_PATHS } from './redaction';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

export interface LoggingOptions {
  /** Service name written on every line. */
  name: string;
  /** Log one line per HTTP request (off for hot stand-ins such as the sandbox). */
  autoLogging?: boolean;
}

/** The query string may hold secrets (WeChat's API takes the app secret there): log the path only. */
function pathOnly(url: string | undefined): string | undefined {
  return url?.split('?', 1)[0];
}

/**
 * nestjs-pino set up the same way in every app: JSON in production, pretty in
 * development, a request id taken from X-Request-Id or made, secrets redacted.
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
              pinoHttp: {
                name: options.name,
                level: config.get<string>('LOG_LEVEL') ?? 'info',
                redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
                autoLogging: options.autoLogging ?? true,
                transport: development
                  ? { target: 'pino-pretty', options: { singleLine: true, colorize: true } }
                  : undefined,
                // Asked only where the server made no id itself; Fastify apps use carryRequestIds.
                genReqId: (req: IncomingMessage, res: ServerResponse) => {
                  const id = requestIdFor(req);
                  res.setHeader(REQUEST_ID_HEADER, id);
                  return id;
                },
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
