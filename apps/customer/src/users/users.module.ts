import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { IdsModule } from '../ids/ids.module';
import { CommonUser } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([CommonUser]), IdsModule],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
