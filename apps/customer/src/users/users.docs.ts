import { applyDecorators } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';

import { TokenRequiredDocs } from '../auth/auth.docs';

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
