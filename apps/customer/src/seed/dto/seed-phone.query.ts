import { LOGIN_CODE_PATTERN, PHONE_CODE_MAX_LENGTH } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** `?phoneCode=` of the seed's phone binding. */
export class SeedPhoneQuery {
  @ApiProperty({
    description: "The getPhoneNumber button's code (`e.detail.code`).",
    maxLength: PHONE_CODE_MAX_LENGTH,
  })
  @IsString()
  @Length(1, PHONE_CODE_MAX_LENGTH)
  @Matches(LOGIN_CODE_PATTERN, { message: 'phoneCode must not contain control characters' })
  phoneCode!: string;
}
