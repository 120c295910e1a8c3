import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Req,
  UseGuards,
} from '@nestjs/common';

import { AccessTokenGuard, AuthenticatedRequest } from '../auth/access-token.guard';
import { RequestOrigin } from '../audit/audit-event';
import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { Origin } from '../http/request-origin.decorator';
import { AccountLifecycle } from './account-lifecycle.service';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { MyProfileDto } from './dto/user-profile.dto';
import { DeleteMeDocs } from './users.docs';
import { UsersService } from './users.service';

@Controller('users')
@UseGuards(AccessTokenGuard)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly lifecycle: AccountLifecycle,
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

  /** Delete the account (注销). */
  @Delete('me')
  @HttpCode(HttpStatus.NO_CONTENT)
  @DeleteMeDocs()
  deleteMe(@Req() request: AuthenticatedRequest, @Origin() origin: RequestOrigin): Promise<void> {
    return this.lifecycle.delete(request.user, origin);
  }
}
