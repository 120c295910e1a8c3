import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditTrail } from './audit-trail.service';
import { LoginAudit } from './login-audit.entity';
import { RefusedLogins } from './refused-logins';

/**
 * Not global, on purpose: Nest calls onApplicationShutdown on ordinary modules
 * before global ones, and TypeORM's core module (global) closes the database
 * there, so the trail's last flush runs while the database is still open (and
 * after the HTTP and RPC servers have finished their requests).
 */
@Module({
  imports: [TypeOrmModule.forFeature([LoginAudit])],
  // RefusedLogins is not injected: main.ts hands it to the global HttpExceptionFilter.
  providers: [AuditTrail, RefusedLogins],
  exports: [AuditTrail],
})
export class AuditModule {}
