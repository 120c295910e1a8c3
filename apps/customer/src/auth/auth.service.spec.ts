import { HttpStatus } from '@nestjs/common';
import { Test } from '@nestjs/testing';

import { AuditTrail } from '../audit/audit-trail.service';
import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { PublicsClient } from '../publics/publics.client';
import { MiniPrograms } from '../users/mini-programs';
import { PhoneBinding } from '../users/phone-binding.service';
import { CommonUser } from '../users/user.entity';
import { UserStatus } from '../users/user-status';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

describe(AuthService.name, () => {
  let sut: AuthService;
  const code2session = jest.fn();
  const verify = jest.fn();
  const assertAvailable = jest.fn();
  const findByIdentity = jest.fn();
  const findOrCreateByWechat = jest.fn();
  const setPhone = jest.fn();
  const record = jest.fn();
  const user = () =>
    Object.assign(new CommonUser(), {
      id: 9n,
      status: UserStatus.Normal,
      isDeleted: 0,
      nickname: 'n',
      avatar: null,
      tokenVersion: 0,
    });

  beforeEach(async () => {
    for (const mock of [
      code2session,
      verify,
      assertAvailable,
      findByIdentity,
      findOrCreateByWechat,
      setPhone,
      record,
    ]) {
      mock.mockReset();
    }
    code2session.mockResolvedValue({ openid: 'o1', unionid: 'u1' });
    verify.mockResolvedValue({ phone: '13800000000', countryCode: '86' });
    findByIdentity.mockResolvedValue(null);
    findOrCreateByWechat.mockImplementation(() => Promise.resolve({ user: user(), created: true }));
    setPhone.mockImplementation((target: CommonUser, phone: string) =>
      Promise.resolve(Object.assign(target, { phone })),
    );
    const moduleRef = await Test.createTestingModule({
      providers: [
        AuthService,
        { provide: PublicsClient, useValue: { code2session } },
        { provide: UsersService, useValue: { findByIdentity, findOrCreateByWechat, setPhone } },
        { provide: TokenService, useValue: { issue: () => 'token' } },
        { provide: MiniPrograms, useValue: { resolve: (appid?: string) => appid ?? 'wx-default' } },
        { provide: PhoneBinding, useValue: { verify, assertAvailable } },
        { provide: AuditTrail, useValue: { record } },
      ],
    }).compile();
    sut = moduleRef.get(AuthService);
  });

  it('logs a new user in with the phone of phoneCode, bound as the user is created', async () => {
    await expect(sut.login({ code: 'c', phoneCode: 'p' }, { requestId: 'r' })).resolves.toEqual({
      token: 'token',
      user: { id: '9', nickname: 'n', avatar: null },
    });

    const phone = { phone: '13800000000', countryCode: '86' };
    expect(verify).toHaveBeenCalledWith('p', 'wx-default', 'r');
    expect(assertAvailable).toHaveBeenCalledWith(phone, undefined);
    expect(findOrCreateByWechat).toHaveBeenCalledWith(
      { appid: 'wx-default', openid: 'o1', unionid: 'u1' },
      { nickname: undefined, avatar: undefined, phone },
    );
    expect(setPhone).not.toHaveBeenCalled();
  });

  it('binds the phone of phoneCode to a returning user', async () => {
    findOrCreateByWechat.mockResolvedValue({ user: user(), created: false });

    await sut.login({ code: 'c', phoneCode: 'p' });

    expect(setPhone).toHaveBeenCalledWith(expect.objectContaining({ id: 9n }), {
      phone: '13800000000',
      countryCode: '86',
    });
  });

  it("checks the number against the returning user's own id", async () => {
    findByIdentity.mockResolvedValue(user());

    await sut.login({ code: 'c', phoneCode: 'p', appid: 'wx-b' });

    expect(findByIdentity).toHaveBeenCalledWith('wx-b', 'o1');
    expect(assertAvailable).toHaveBeenCalledWith(expect.anything(), 9n);
  });

  it.each([
    ['the phone code is refused', 'verify', CustomerErrorCode.INVALID_PHONE_CODE],
    ['the number is taken', 'assertAvailable', CustomerErrorCode.PHONE_TAKEN],
  ])('fails the login when %s, creating no user and binding nothing', async (_case, step, code) => {
    const failure = new AppException(HttpStatus.BAD_REQUEST, code, 'no');
    (step === 'verify' ? verify : assertAvailable).mockRejectedValue(failure);

    await expect(sut.login({ code: 'c', phoneCode: 'p' })).rejects.toBe(failure);

    expect(findOrCreateByWechat).not.toHaveBeenCalled();
    expect(setPhone).not.toHaveBeenCalled();
    expect(record).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'login', outcome: code }),
    );
  });

  it('binds nothing for a frozen user', async () => {
    findOrCreateByWechat.mockResolvedValue({
      user: Object.assign(user(), { status: UserStatus.Frozen, accountLockReason: 'r' }),
      created: false,
    });

    await expect(sut.login({ code: 'c', phoneCode: 'p' })).rejects.toMatchObject({
      code: CustomerErrorCode.ACCOUNT_FROZEN,
    });
    expect(setPhone).not.toHaveBeenCalled();
  });

  it('asks publics for no phone without phoneCode', async () => {
    await sut.login({ code: 'c' });

    expect(verify).not.toHaveBeenCalled();
    expect(setPhone).not.toHaveBeenCalled();
  });
});
