import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { Logger } from 'nestjs-pino';

import { AppModule } from './app.module';
import { publicsListenAddress } from './config/publics.env';
import { createRpcValidationPipe } from './errors/rpc-validation.pipe';
import { PublicsRpcExceptionFilter } from './errors/rpc-exception.filter';

async function bootstrap(): Promise<void> {
  const address = publicsListenAddress();
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
    transport: Transport.TCP,
    options: address,
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.useGlobalPipes(createRpcValidationPipe());
  app.useGlobalFilters(new PublicsRpcExceptionFilter());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen();
  logger.log(`publics listening on tcp://${address.host}:${address.port}`, 'Bootstrap');
}

void bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
