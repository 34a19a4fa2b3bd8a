import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CodecController } from './codec.controller';

@Module({ imports: [AuditModule], controllers: [CodecController] })
export class CodecModule {}
