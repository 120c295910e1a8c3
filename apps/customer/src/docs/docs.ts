import { REQUEST_ID_PATTERN } from '@app/contracts';
import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

import { ErrorResponseDto } from '../errors/error-response.dto';

/** Swagger UI at /docs, the OpenAPI document at /docs-json. */
export const API_DOCS_PATH = 'docs';
export const API_DOCS_JSON_PATH = 'docs-json';
/** The security scheme routes name with @ApiBearerAuth() (its default name). */
export const BEARER_AUTH = 'bearer';

/** The OpenAPI document of every route, built from the controllers' and DTOs' decorators. */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('customer')
    .setDescription(
      'Logs WeChat mini-program users in: `POST /login` exchanges a `wx.login` code for a signed JWT. ' +
        'Every error has one shape, `ErrorResponse`: switch on its `code`. ' +
        'Ids are 64-bit snowflakes, always decimal strings.',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The token `POST /login` answers.',
      },
      BEARER_AUTH,
    )
    .addGlobalParameters({
      name: 'X-Request-Id',
      in: 'header',
      required: false,
      description:
        'Your id for this request, used in the logs of every service it reaches; an invalid or ' +
        'missing one is replaced by a generated id. Every response carries the id in X-Request-Id.',
      schema: { type: 'string', pattern: REQUEST_ID_PATTERN.source },
    })
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponseDto] });
}

/**
 * Serves the docs. GET routes only: they need none of the body parsers that
 * acceptJsonBodiesOnly removed, and Swagger UI's "Try it out" sends
 * application/json, which customer accepts.
 */
export function setupApiDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup(API_DOCS_PATH, app, () => buildApiDocument(app), {
    raw: ['json'],
    jsonDocumentUrl: API_DOCS_JSON_PATH,
    customSiteTitle: 'customer API',
    swaggerOptions: { displayRequestDuration: true },
  });
}
