import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditTrail } from './audit-trail.service';
import { LoginAudit } from './login-audit.entity';

/**
 * Not global, on purpose: Nest calls onApplicationShutdown on ordinary modules
 * before global ones, and TypeORM's core module (global) closes the database
 * there, so the trail's last flush runs while the database is still open (and
 * after the HTTP and RPC servers have finished their requests).
 */
@Module({
  imports: [TypeOrmModule.forFeature([LoginAudit])],
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditModule {}
