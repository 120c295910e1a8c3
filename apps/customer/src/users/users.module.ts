import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { TokensModule } from '../auth/tokens.module';
import { IdsModule } from '../ids/ids.module';
import { PublicsModule } from '../publics/publics.module';
import { AccountLifecycle } from './account-lifecycle.service';
import { MiniPrograms } from './mini-programs';
import { PhoneBinding } from './phone-binding.service';
import { CommonUser } from './user.entity';
import { UserIdentity } from './user-identity.entity';
import { UsersController } from './users.controller';
import { UsersRpcController } from './users.rpc.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([CommonUser, UserIdentity]),
    AuditModule,
    PublicsModule,
    IdsModule,
    TokensModule,
  ],
  controllers: [UsersController, UsersRpcController],
  providers: [UsersService, AccountLifecycle, MiniPrograms, PhoneBinding],
  exports: [UsersService, MiniPrograms, PhoneBinding],
})
export class UsersModule {}
