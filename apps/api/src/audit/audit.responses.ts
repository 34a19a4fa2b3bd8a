import { Instant, Nested, Text, Texts, Uuid } from '../common/api-schema';
import { TimelineEventDto } from '../detentions/dto/detention.responses';

class DisclosureDto {
  @Text() partnerId: string;
  @Uuid() requestId: string;
  @Text({ description: 'the message event: request, update, reminder, withdrawal, closed' }) event: string;
  @Texts() fields: string[];
  @Text() basis: string;
  @Text() by: string;
  @Instant() at: string;
}

/** One audit-log entry: who read, decoded or was offered what, on which basis. */
class AuditEntryDto {
  @Instant() at: string;
  @Text() actor: string;
  @Text() role: string;
  @Text() org: string;
  @Text({ example: 'read:detention' }) action: string;
  @Texts() fields: string[];
  @Text() basis: string;
  @Text({ required: false, description: 'the HTTP request id (X-Request-Id), or the partner request id' })
  requestId?: string;
  @Text({ required: false }) target?: string;
}

class ChangeDto extends TimelineEventDto {
  @Text({ description: 'the event type' }) what: string;
}

export class AuditDto {
  @Uuid() detentionId: string;
  @Nested([DisclosureDto]) disclosures: DisclosureDto[];
  @Nested([AuditEntryDto]) reads: AuditEntryDto[];
  @Nested([AuditEntryDto]) disclosureAttempts: AuditEntryDto[];
  @Nested([ChangeDto]) changes: ChangeDto[];
}
