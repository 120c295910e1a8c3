import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';

import { TokenRequiredDocs } from '../auth/auth.docs';
import { errorResponse } from '../docs/error-responses';
import { CustomerErrorCode } from '../errors/app.exception';
import { MyProfileDto } from './dto/user-profile.dto';

/** OpenAPI of DELETE /users/me. */
export function DeleteMeDocs(): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: 'Delete the account (注销)',
      description:
        'Erases every personal field (nickname, avatar, phone, openids, unionid), keeps the row marked ' +
        'deleted (`is_deleted = 1`) and revokes every token. The same WeChat user logging in later ' +
        'gets a new, empty account. The audit trail keeps its entries for `AUDIT_RETENTION_DAYS`.',
    }),
    ApiNoContentResponse({ description: 'The account is deleted.' }),
    TokenRequiredDocs(),
  );
}

/** OpenAPI of PUT /users/me/phone. */
export function BindPhoneDocs(): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: 'Bind or replace the phone number',
      description:
        "Gets the number behind the getPhoneNumber button's code through publics and stores it " +
        "(WeChat's purePhoneNumber, and its countryCode apart). Answers the profile with the phone masked.",
    }),
    ApiOkResponse({ type: MyProfileDto, description: 'The profile, the phone masked.' }),
    ApiBadRequestResponse(
      errorResponse({
        [CustomerErrorCode.VALIDATION_FAILED]: 'the body breaks a rule or has unknown fields',
        [CustomerErrorCode.INVALID_PHONE_CODE]:
          'WeChat refuses the phone code (invalid, expired or used)',
        [CustomerErrorCode.UNKNOWN_APPID]: '`appid` is not one of `WECHAT_APPIDS`',
      }),
    ),
    ApiConflictResponse(
      errorResponse({
        [CustomerErrorCode.PHONE_TAKEN]:
          'another live user has this number (only while `PHONE_UNIQUE` is true)',
      }),
    ),
    TokenRequiredDocs(),
  );
}
