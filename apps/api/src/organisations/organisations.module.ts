import { Module } from '@nestjs/common';
import { AuditLog } from '@terugkeer/persistence';
import { ContactsService } from './contacts.service';
import { OrganisationsController } from './organisations.controller';

@Module({
  controllers: [OrganisationsController],
  providers: [ContactsService, AuditLog],
})
export class OrganisationsModule {}
