import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { TokensModule } from '../auth/tokens.module';
import { IdsModule } from '../ids/ids.module';
import { AccountLifecycle } from './account-lifecycle.service';
import { MiniPrograms } from './mini-programs';
import { CommonUser } from './user.entity';
import { UserIdentity } from './user-identity.entity';
import { UsersController } from './users.controller';
import { UsersRpcController } from './users.rpc.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([CommonUser, UserIdentity]),
    AuditModule,
    IdsModule,
    TokensModule,
  ],
  controllers: [UsersController, UsersRpcController],
  providers: [UsersService, AccountLifecycle, MiniPrograms],
  exports: [UsersService, MiniPrograms],
})
export class UsersModule {}
