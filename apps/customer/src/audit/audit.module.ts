import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditTrail } from './audit-trail.service';
import { LoginAudit } from './login-audit.entity';

/**
 * Global so that its shutdown hook (the last flush) runs before the database's:
 * Nest calls global modules' hooks first, in the order they were imported,
 * and AppModule imports this one before DatabaseModule.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([LoginAudit])],
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditModule {}
