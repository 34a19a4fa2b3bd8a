import { Module } from '@nestjs/common';
import { AuditLog } from '@terugkeer/persistence';
import { PlaybooksController } from './playbooks.controller';
import { PlaybooksService } from './playbooks.service';

@Module({
  controllers: [PlaybooksController],
  providers: [PlaybooksService, AuditLog],
})
export class PlaybooksModule {}
