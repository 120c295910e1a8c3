import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { ErrorBody } from './error-response';

/** The one error shape, as the API documents it (HttpExceptionFilter answers every error so). */
@ApiSchema({
  name: 'ErrorResponse',
  description: 'Every error customer answers. Switch on `code`; the message is for people.',
})
export class ErrorResponseDto implements ErrorBody {
  @ApiProperty({ description: 'The HTTP status, repeated.', example: 401 })
  statusCode!: number;

  @ApiProperty({
    description: 'Stable error code; each response lists the codes it can carry.',
    example: 'INVALID_LOGIN_CODE',
  })
  code!: string;

  @ApiProperty({
    description: 'What went wrong, for people; may change.',
    example: 'The login code is invalid, expired or already used',
  })
  message!: string;
}
