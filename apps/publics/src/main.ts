import { logRequests } from '@app/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

import { AppModule } from './app.module';
import { publicsListenAddress } from './config/publics.env';
import { createRpcValidationPipe } from './errors/rpc-validation.pipe';
import { PublicsRpcExceptionFilter } from './errors/rpc-exception.filter';
import { PublicsNatsServer } from './rpc/publics-nats.server';
import { PublicsTcpServer } from './rpc/publics-tcp.server';
import { PUBLICS_NATS_SERVER } from './rpc/rpc.module';

/**
 * The longest RPC frame publics reads, in characters: a code2session payload is
 * a few hundred. A peer that sends more is cut off and its buffer dropped, so
 * it cannot make publics hold up to Nest's default of 128 M characters.
 */
const RPC_MAX_FRAME_CHARACTERS = 1024 * 1024;

async function bootstrap(): Promise<void> {
  const address = publicsListenAddress();
  // Hybrid: the RPC server on PUBLICS_PORT, health and metrics over HTTP on PUBLICS_HEALTH_PORT.
  const adapter = new FastifyAdapter();
  logRequests(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // Registered before connectMicroservice, which makes the RPC handlers inherit them. The HTTP
  // routes take no input, and the filter leaves HTTP errors to Nest.
  app.useGlobalPipes(createRpcValidationPipe());
  app.useGlobalFilters(new PublicsRpcExceptionFilter(app.getHttpAdapter()));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  const nats = app.get<PublicsNatsServer | null>(PUBLICS_NATS_SERVER);
  if (nats) {
    app.connectMicroservice({ strategy: nats }, { inheritAppConfig: true });
    // Subscribed first: once the health port accepts connections, this instance takes requests.
    await app.startAllMicroservices();
    await app.listen(address.healthPort, address.host);
    logger.log(
      `publics taking requests over NATS, health and metrics on ${await app.getUrl()}`,
      'Bootstrap',
    );
    return;
  }
  app.connectMicroservice<MicroserviceOptions>(
    {
      strategy: new PublicsTcpServer({
        host: address.host,
        port: address.port,
        maxBufferSize: RPC_MAX_FRAME_CHARACTERS,
      }),
    },
    { inheritAppConfig: true },
  );
  // HTTP first: once the RPC port accepts connections, health and metrics answer too.
  await app.listen(address.healthPort, address.host);
  await app.startAllMicroservices();
  logger.log(
    `publics listening on tcp://${address.host}:${address.port}, health and metrics on ${await app.getUrl()}`,
    'Bootstrap',
  );
}

void bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
