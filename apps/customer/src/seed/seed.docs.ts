import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  getSchemaPath,
} from '@nestjs/swagger';

import { SeedEnvelopeDto } from './seed-envelope';

const envelopeOf = (data: object) => ({
  allOf: [
    { $ref: getSchemaPath(SeedEnvelopeDto) },
    { type: 'object', properties: { data: { ...data, nullable: true } } },
  ],
});

/** OpenAPI of the seed's login route. */
export function SeedLoginDocs(): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(SeedEnvelopeDto),
    ApiOperation({
      summary: "The seed mini-program's login (POST /login in the seed's envelope)",
      description:
        "For the seed project's uniapp login page, unchanged: the same login as `POST /login` " +
        '(default appid), answered as HTTP 200 with `{ code, msg, data }`. Success: ' +
        '`{"code":200,"msg":"OK","data":{"token":"…"}}`. Failures have `data: null` and: ' +
        '`605` the user is frozen (`msg` is the lock reason); `601` "请求失败", the openid could not ' +
        'be had (publics or WeChat unreachable or too slow); `500` WeChat answered an errcode (`msg` is ' +
        "WeChat's errmsg) or a bug; `400` bad input (the message names the fields) or a body that is " +
        'not JSON; any other failure carries its HTTP status (403 deleted, 413 a body over 16 KiB, ' +
        '415 a body that is not `application/json`, 429 too many logins, 503 database unavailable). ' +
        'A new user gets the default nickname (the page sends WeChat\'s "微信用户" placeholder) and the ' +
        'avatar sent. The `Authorization` header the page sends is ignored.',
    }),
    ApiOkResponse({
      description: 'Every answer, success or failure.',
      schema: envelopeOf({
        type: 'object',
        properties: {
          token: { type: 'string', description: 'The same token `POST /login` answers.' },
        },
      }),
    }),
  );
}

/** OpenAPI of the seed's phone binding route. */
export function SeedBindPhoneDocs(): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(SeedEnvelopeDto),
    ApiBearerAuth(),
    ApiOperation({
      summary: "The seed mini-program's phone binding (PUT /users/me/phone in the seed's envelope)",
      description:
        'The token in `Authorization`, raw as the page sends it (or as a Bearer token). Binds the number ' +
        'behind `phoneCode` as `PUT /users/me/phone` does (default appid). Success: ' +
        '`{"code":200,"msg":"OK","data":null}`; failures as on the seed\'s login route, and `401` for a ' +
        'missing, invalid or revoked token, `409` for a number another live user holds.',
    }),
    ApiOkResponse({ description: 'Every answer, success or failure.', schema: envelopeOf({}) }),
  );
}
