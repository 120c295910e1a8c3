import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Put,
  Req,
  UseGuards,
} from '@nestjs/common';

import { AccessTokenGuard, AuthenticatedRequest } from '../auth/access-token.guard';
import { RequestOrigin } from '../audit/audit-event';
import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { Origin } from '../http/request-origin.decorator';
import { AccountLifecycle } from './account-lifecycle.service';
import { BindPhoneDto } from './dto/bind-phone.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { MyProfileDto } from './dto/user-profile.dto';
import { MiniPrograms } from './mini-programs';
import { PhoneBinding } from './phone-binding.service';
import { BindPhoneDocs, DeleteMeDocs } from './users.docs';
import { UsersService } from './users.service';

@Controller('users')
@UseGuards(AccessTokenGuard)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly lifecycle: AccountLifecycle,
    private readonly phones: PhoneBinding,
    private readonly miniPrograms: MiniPrograms,
  ) {}

  @Get('me')
  me(@Req() request: AuthenticatedRequest): MyProfileDto {
    return MyProfileDto.from(request.user);
  }

  @Patch('me')
  async updateMe(
    @Req() request: AuthenticatedRequest,
    @Body() body: UpdateProfileDto,
  ): Promise<MyProfileDto> {
    if (body.nickname === undefined && body.avatar === undefined) {
      throw new AppException(
        HttpStatus.BAD_REQUEST,
        CustomerErrorCode.VALIDATION_FAILED,
        'Give nickname or avatar to change',
      );
    }
    return MyProfileDto.from(await this.users.updateProfile(request.user, body));
  }

  /** Bind or replace the phone of the signed-in user. */
  @Put('me/phone')
  @BindPhoneDocs()
  async bindPhone(
    @Req() request: AuthenticatedRequest,
    @Body() body: BindPhoneDto,
    @Origin() origin: RequestOrigin,
  ): Promise<MyProfileDto> {
    const appid = this.miniPrograms.resolve(body.appid);
    return MyProfileDto.from(await this.phones.bind(request.user, body.phoneCode, appid, origin));
  }

  /** Delete the account (注销). */
  @Delete('me')
  @HttpCode(HttpStatus.NO_CONTENT)
  @DeleteMeDocs()
  deleteMe(@Req() request: AuthenticatedRequest, @Origin() origin: RequestOrigin): Promise<void> {
    return this.lifecycle.delete(request.user, origin);
  }
}
