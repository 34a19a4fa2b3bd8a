import { NOTIFY_CHOICES } from '@terugkeer/persistence';
import { InstantOrNull, Nested, Text, TextOrNull } from '../../common/api-schema';

class OrganisationContactDto {
  @Text() role: string;
  @Text() email: string;
  @Text() name: string;
  @TextOrNull() phone: string | null;
  @Text({ enum: [...NOTIFY_CHOICES] }) notify: string;
}

export class OrganisationContactsDto {
  @Text({ example: 'GM0141' }) code: string;
  @Text({ enum: ['prison', 'municipality', 'probation', 'partner'] }) kind: string;
  @Nested([OrganisationContactDto]) contacts: OrganisationContactDto[];
  @InstantOrNull({ description: 'null: never set' }) updatedAt: string | null;
}
