import { Module } from '@nestjs/common';
import { DetentionsModule } from '../detentions/detentions.module';
import { AuditController } from './audit.controller';

@Module({ imports: [DetentionsModule], controllers: [AuditController] })
export class AuditModule {}
