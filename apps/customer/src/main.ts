import { carryRequestIds, logRequests } from '@app/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

import { AppModule } from './app.module';
import { customerServerSettings } from './config/customer.env';
import { setupApiDocs } from './docs/docs';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { createHttpValidationPipe } from './errors/http-validation.pipe';
import { acceptJsonBodiesOnly, BODY_LIMIT_BYTES } from './http/body-parsing';
import { closeConnectionsWhenDraining } from './http/drain-on-close';
import { warnOnceAboutUntrustedForwardedFor } from './http/forwarded-for-warning';

async function bootstrap(): Promise<void> {
  const address = customerServerSettings();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: address.trustProxy,
  });
  carryRequestIds(adapter.getInstance());
  logRequests(adapter.getInstance());
  acceptJsonBodiesOnly(adapter.getInstance());
  closeConnectionsWhenDraining(adapter.getInstance());
  warnOnceAboutUntrustedForwardedFor(adapter.getInstance(), address.trustProxy);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.useGlobalPipes(createHttpValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  setupApiDocs(app);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(address.port, address.host);
  logger.log(`customer listening on ${await app.getUrl()}`, 'Bootstrap');
}

void bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
