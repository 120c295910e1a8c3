import { carryRequestIds, logRequests, QueueGroupNatsServer } from '@app/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

import { AppModule } from './app.module';
import { RefusedLogins } from './audit/refused-logins';
import { customerServerSettings } from './config/customer.env';
import { setupApiDocs } from './docs/docs';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { createHttpValidationPipe } from './errors/http-validation.pipe';
import { acceptJsonBodiesOnly, BODY_LIMIT_BYTES } from './http/body-parsing';
import { closeConnectionsWhenDraining } from './http/drain-on-close';
import { warnOnceAboutUntrustedForwardedFor } from './http/forwarded-for-warning';
import { CUSTOMER_NATS_SERVER } from './rpc/rpc.module';

/** The longest RPC frame customer reads, in characters: its payloads are a few hundred. */
const RPC_MAX_FRAME_CHARACTERS = 64 * 1024;

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
  app.useGlobalFilters(new HttpExceptionFilter(app.get(RefusedLogins)));
  setupApiDocs(app);
  // Hybrid: the user RPC (user.*, auth.introspect) on CUSTOMER_RPC_PORT, or over NATS. Its
  // controllers carry their own pipe and filter; the HTTP ones above are not inherited.
  const nats = app.get<QueueGroupNatsServer | null>(CUSTOMER_NATS_SERVER);
  if (nats) {
    app.connectMicroservice({ strategy: nats });
  } else {
    app.connectMicroservice<MicroserviceOptions>({
      transport: Transport.TCP,
      options: {
        host: address.host,
        port: address.rpcPort,
        maxBufferSize: RPC_MAX_FRAME_CHARACTERS,
      },
    });
  }
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  // RPC first: once the HTTP port answers (what readiness probes and tests wait for), RPC does too.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(address.port, address.host);
  logger.log(
    `customer listening on ${await app.getUrl()}, RPC ${nats ? 'over NATS' : `on tcp://${address.host}:${address.rpcPort}`}`,
    'Bootstrap',
  );
}

void bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
