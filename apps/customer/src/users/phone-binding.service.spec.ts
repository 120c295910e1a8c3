import { HttpStatus } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';

import { AuditTrail } from '../audit/audit-trail.service';
import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { PublicsClient } from '../publics/publics.client';
import { PhoneBinding } from './phone-binding.service';
import { PhoneTakenException } from './phone-taken';
import { CommonUser } from './user.entity';
import { UsersService } from './users.service';

describe(PhoneBinding.name, () => {
  const phoneNumber = jest.fn();
  const findOtherPhoneHolder = jest.fn();
  const setPhone = jest.fn();
  const record = jest.fn();
  const user = Object.assign(new CommonUser(), { id: 42n, phone: null });

  async function create(phoneUnique: boolean): Promise<PhoneBinding> {
    const moduleRef = await Test.createTestingModule({
      providers: [
        PhoneBinding,
        { provide: PublicsClient, useValue: { phoneNumber } },
        { provide: UsersService, useValue: { findOtherPhoneHolder, setPhone } },
        { provide: AuditTrail, useValue: { record } },
        { provide: ConfigService, useValue: new ConfigService({ PHONE_UNIQUE: phoneUnique }) },
      ],
    }).compile();
    return moduleRef.get(PhoneBinding);
  }

  beforeEach(() => {
    for (const mock of [phoneNumber, findOtherPhoneHolder, setPhone, record]) mock.mockReset();
    phoneNumber.mockResolvedValue({
      phoneNumber: '+86 13800000000',
      purePhoneNumber: '13800000000',
      countryCode: '86',
      appid: 'wx-a',
    });
    findOtherPhoneHolder.mockResolvedValue(null);
    setPhone.mockImplementation(
      (target: CommonUser, { phone, countryCode }: { phone: string; countryCode: string }) =>
        Promise.resolve(Object.assign(target, { phone, phoneCountryCode: countryCode })),
    );
  });

  it("stores WeChat's purePhoneNumber and its countryCode apart, and audits the change", async () => {
    const sut = await create(true);

    await sut.bind(user, 'phone-code', 'wx-a', { requestId: 'r1' });

    expect(phoneNumber).toHaveBeenCalledWith('phone-code', 'wx-a', 'r1');
    expect(setPhone).toHaveBeenCalledWith(user, { phone: '13800000000', countryCode: '86' });
    expect(record).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'phone', outcome: 'OK', userId: 42n, appid: 'wx-a' }),
    );
  });

  it.each(['INVALID_PHONE_CODE'])(
    'turns publics refusing the code (%s) into 400 INVALID_PHONE_CODE, writing nothing',
    async (code) => {
      phoneNumber.mockRejectedValue(
        new AppException(HttpStatus.BAD_REQUEST, code, 'refused', 'invalid code, rid: 1'),
      );
      const sut = await create(true);

      const failure = sut.bind(user, 'phone-code', 'wx-a', {});

      await expect(failure).rejects.toMatchObject({
        status: HttpStatus.BAD_REQUEST,
        code: CustomerErrorCode.INVALID_PHONE_CODE,
        wechatMessage: 'invalid code, rid: 1',
      });
      expect(setPhone).not.toHaveBeenCalled();
      expect(record).toHaveBeenCalledWith(
        expect.objectContaining({ action: 'phone', outcome: 'INVALID_PHONE_CODE' }),
      );
    },
  );

  it('passes publics being unreachable on as it is', async () => {
    const unavailable = new AppException(
      HttpStatus.SERVICE_UNAVAILABLE,
      CustomerErrorCode.PUBLICS_UNAVAILABLE,
      'down',
    );
    phoneNumber.mockRejectedValue(unavailable);
    const sut = await create(true);

    await expect(sut.verify('phone-code', 'wx-a')).rejects.toBe(unavailable);
  });

  it('refuses a number another live user holds with 409 PHONE_TAKEN, writing nothing', async () => {
    findOtherPhoneHolder.mockResolvedValue(Object.assign(new CommonUser(), { id: 7n }));
    const sut = await create(true);

    await expect(sut.bind(user, 'phone-code', 'wx-a', {})).rejects.toMatchObject({
      status: HttpStatus.CONFLICT,
      code: CustomerErrorCode.PHONE_TAKEN,
    });
    expect(findOtherPhoneHolder).toHaveBeenCalledWith('13800000000', 42n);
    expect(setPhone).not.toHaveBeenCalled();
  });

  it('audits and passes on the 409 PHONE_TAKEN of a number claimed between its check and its write', async () => {
    setPhone.mockRejectedValue(new PhoneTakenException());
    const sut = await create(true);

    await expect(sut.bind(user, 'phone-code', 'wx-a', {})).rejects.toBeInstanceOf(
      PhoneTakenException,
    );
    expect(record).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'phone', outcome: 'PHONE_TAKEN', userId: 42n }),
    );
  });

  it('lets several users share a number with PHONE_UNIQUE=false', async () => {
    findOtherPhoneHolder.mockResolvedValue(Object.assign(new CommonUser(), { id: 7n }));
    const sut = await create(false);

    await sut.bind(user, 'phone-code', 'wx-a', {});

    expect(setPhone).toHaveBeenCalled();
    expect(findOtherPhoneHolder).not.toHaveBeenCalled();
  });
});
