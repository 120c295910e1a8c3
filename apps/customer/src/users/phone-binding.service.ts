import { PhoneNumberResult, PublicsErrorCode } from '@app/contracts';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { AUDIT_OK, AuditAction, RequestOrigin } from '../audit/audit-event';
import { auditOutcomeOf } from '../audit/audit-outcome';
import { AuditTrail } from '../audit/audit-trail.service';
import { CustomerConfig } from '../config/customer.env';
import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { PublicsClient } from '../publics/publics.client';
import { PhoneTakenException } from './phone-taken';
import { CommonUser } from './user.entity';
import { UsersService, VerifiedPhone } from './users.service';

/** The phone number of a getPhoneNumber code, and binding it to a user (login, PUT /users/me/phone, the seed's route). */
@Injectable()
export class PhoneBinding {
  private readonly unique: boolean;

  constructor(
    private readonly publics: PublicsClient,
    private readonly users: UsersService,
    private readonly audit: AuditTrail,
    config: ConfigService<CustomerConfig, true>,
  ) {
    this.unique = config.get('PHONE_UNIQUE', { infer: true });
  }

  /** The number behind the code; a code WeChat refuses is 400 INVALID_PHONE_CODE, nothing is written. */
  async verify(phoneCode: string, appid: string, requestId?: string): Promise<VerifiedPhone> {
    let result: PhoneNumberResult;
    try {
      result = await this.publics.phoneNumber(phoneCode, appid, requestId);
    } catch (error) {
      if (error instanceof AppException && error.code === PublicsErrorCode.INVALID_PHONE_CODE) {
        throw new AppException(
          HttpStatus.BAD_REQUEST,
          CustomerErrorCode.INVALID_PHONE_CODE,
          'The phone code is invalid, expired or already used',
          error.wechatMessage,
        );
      }
      throw error;
    }
    return { phone: result.purePhoneNumber, countryCode: result.countryCode };
  }

  /**
   * 409 PHONE_TAKEN when another live user holds the number (unless PHONE_UNIQUE=false),
   * checked before anything is written. Two users binding one number at the same instant
   * both pass it: the write's claim (UsersService.setPhone) refuses the second.
   */
  async assertAvailable(phone: VerifiedPhone, userId?: bigint): Promise<void> {
    if (!this.unique) return;
    const holder = await this.users.findOtherPhoneHolder(phone.phone, userId);
    if (holder) throw new PhoneTakenException();
  }

  /** PUT /users/me/phone and the seed's route: verify, check, store (claiming the number), audit. */
  async bind(
    user: CommonUser,
    phoneCode: string,
    appid: string,
    origin: RequestOrigin,
  ): Promise<CommonUser> {
    const event = { action: AuditAction.Phone, userId: user.id, appid, ...origin } as const;
    try {
      const phone = await this.verify(phoneCode, appid, origin.requestId);
      await this.assertAvailable(phone, user.id);
      const bound = await this.users.setPhone(user, phone);
      this.audit.record({ ...event, outcome: AUDIT_OK });
      return bound;
    } catch (error) {
      this.audit.record({ ...event, outcome: auditOutcomeOf(error) });
      throw error;
    }
  }
}
