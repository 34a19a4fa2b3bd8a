import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditLog } from '@terugkeer/persistence';
import { AuditInterceptor } from '../common/audited';
import { DetentionsModule } from '../detentions/detentions.module';
import { AuditController } from './audit.controller';

@Module({
  imports: [DetentionsModule],
  controllers: [AuditController],
  providers: [AuditLog, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditLog],
})
export class AuditModule {}
