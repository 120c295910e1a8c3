import { PublicsErrorCode } from '@app/contracts';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';

import { CustomerErrorCode } from '../errors/app.exception';
import { publicsErrorToHttp } from '../errors/publics-error.mapping';
import { customerDocsApp } from '../../../../test/support/customer-docs-app';
import { BEARER_AUTH, buildApiDocument } from './docs';

interface ErrorSchema {
  allOf: [{ $ref: string }, { properties: { code: { enum: string[] } } }];
}

describe(buildApiDocument.name, () => {
  let app: NestFastifyApplication;
  let sut: OpenAPIObject;

  beforeAll(async () => {
    app = await customerDocsApp();
    sut = buildApiDocument(app);
  });

  afterAll(() => app?.close());

  const login = () => sut.paths['/login'].post!;
  const schema = (name: string) => sut.components!.schemas![name] as Record<string, unknown>;
  /** The error codes the documented response of POST /login with this status lists. */
  const documentedCodes = (status: number): string[] => {
    const response = login().responses[String(status)] as
      { content: { 'application/json': { schema: ErrorSchema } } } | undefined;
    return response?.content['application/json'].schema.allOf[1].properties.code.enum ?? [];
  };

  it('documents the body of POST /login from LoginDto: code required, nickname and avatar optional', () => {
    expect(login().requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/LoginDto' } } },
    });
    expect(schema('LoginDto')).toMatchObject({
      type: 'object',
      required: ['code'],
      properties: {
        code: { type: 'string', minLength: 1, maxLength: 128 },
        nickname: { type: 'string', minLength: 1, maxLength: 32 },
        avatar: { type: 'string', format: 'uri', maxLength: 512 },
      },
    });
  });

  it('documents the 200 answer: a token and the user with a decimal string id', () => {
    expect(login().responses['200']).toMatchObject({
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/LoginResponseDto' } },
      },
    });
    expect(schema('UserProfileDto')).toMatchObject({
      required: ['id', 'nickname', 'avatar'],
      properties: {
        id: { type: 'string', pattern: '^[0-9]+$' },
        avatar: { type: 'string', nullable: true },
      },
    });
  });

  it('documents every error as the one ErrorResponse shape', () => {
    const statuses = Object.keys(login().responses).filter((status) => status !== '200');

    expect(statuses.sort()).toEqual(
      ['400', '401', '403', '409', '413', '415', '429', '500', '502', '503', '504'].sort(),
    );
    for (const status of statuses) {
      expect(documentedCodes(Number(status)).length).toBeGreaterThan(0);
    }
    expect(schema('ErrorResponse')).toMatchObject({
      required: ['statusCode', 'code', 'message'],
      properties: { statusCode: { type: 'number' }, code: { type: 'string' } },
    });
  });

  it.each(Object.values(PublicsErrorCode))(
    'lists the code publics error %s becomes under the status it is answered with',
    (publicsCode) => {
      const answered = publicsErrorToHttp({ code: publicsCode, message: 'm' });

      expect(documentedCodes(answered.status)).toContain(answered.code);
    },
  );

  it.each([
    [400, CustomerErrorCode.VALIDATION_FAILED],
    [400, CustomerErrorCode.MALFORMED_JSON],
    [403, CustomerErrorCode.ACCOUNT_FROZEN],
    [403, CustomerErrorCode.ACCOUNT_DELETED],
    [413, CustomerErrorCode.PAYLOAD_TOO_LARGE],
    [415, CustomerErrorCode.UNSUPPORTED_MEDIA_TYPE],
    [429, CustomerErrorCode.TOO_MANY_REQUESTS],
    [500, CustomerErrorCode.INTERNAL_ERROR],
    [503, CustomerErrorCode.PUBLICS_UNAVAILABLE],
    [503, CustomerErrorCode.DATABASE_UNAVAILABLE],
    [504, CustomerErrorCode.PUBLICS_TIMEOUT],
  ])('lists %i %s, with when it happens', (status, code) => {
    expect(documentedCodes(status)).toContain(code);
    expect(login().responses[String(status)]).toMatchObject({
      description: expect.stringContaining(`\`${code}\`: `),
    });
  });

  it('offers bearer authentication for the routes that ask for a token', () => {
    expect(sut.components?.securitySchemes?.[BEARER_AUTH]).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('documents X-Request-Id as an optional header and no other parameter', () => {
    expect(login().parameters).toEqual([
      expect.objectContaining({ name: 'X-Request-Id', in: 'header', required: false }),
    ]);
  });
});
