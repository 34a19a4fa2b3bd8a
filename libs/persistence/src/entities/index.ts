import { CaseNoteEntity } from './case-note.entity';
import { DetentionStepEntity } from './detention-step.entity';
import { DisclosureEntity } from './disclosure.entity';
import { DetentionEntity } from './detention.entity';
import { ErasureEntity, type ErasedRun, type ErasedTable } from './erasure.entity';
import {
  NOTIFY_CHOICES,
  OrganisationContactsEntity,
  type NotifyChoice,
  type OrganisationContact,
} from './organisation-contacts.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { PartnerRequestEntity } from './partner-request.entity';
import { PartnerEntity } from './partner.entity';
import { PlaybookEntity, PlaybookVersionEntity } from './playbook.entity';
import { RequestResponseEntity } from './request-response.entity';
import { TaskEntity } from './task.entity';
import { TimelineEventEntity } from './timeline-event.entity';

export type { ErasedRun, ErasedTable, NotifyChoice, OrganisationContact };
export {
  CaseNoteEntity,
  DetentionEntity,
  DetentionStepEntity,
  DisclosureEntity,
  ErasureEntity,
  IdempotencyKeyEntity,
  NOTIFY_CHOICES,
  OrganisationContactsEntity,
  PartnerEntity,
  PartnerRequestEntity,
  PlaybookEntity,
  PlaybookVersionEntity,
  RequestResponseEntity,
  TaskEntity,
  TimelineEventEntity,
};

// Read-model entities, registered with every DataSource.
export const ENTITIES: Function[] = [
  DetentionEntity,
  DetentionStepEntity,
  TaskEntity,
  PartnerRequestEntity,
  RequestResponseEntity,
  TimelineEventEntity,
  PartnerEntity,
  IdempotencyKeyEntity,
  DisclosureEntity,
  ErasureEntity,
  CaseNoteEntity,
  OrganisationContactsEntity,
  PlaybookEntity,
  PlaybookVersionEntity,
];
