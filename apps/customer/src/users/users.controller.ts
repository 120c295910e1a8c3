import { Body, Controller, Get, HttpStatus, Patch, Req, UseGuards } from '@nestjs/common';

import { AccessTokenGuard, AuthenticatedRequest } from '../auth/access-token.guard';
import { AppException, CustomerErrorCode } from '../errors/app.exception';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { MyProfileDto } from './dto/user-profile.dto';
import { UsersService } from './users.service';

@Controller('users')
@UseGuards(AccessTokenGuard)
export class UsersController {
  constructor(private readonly users: UsersService) {}

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
}
