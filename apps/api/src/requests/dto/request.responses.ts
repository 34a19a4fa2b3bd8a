import { REQUEST_TYPES } from '@terugkeer/domain';
import {
  Bool,
  DayOrNull,
  FreeObject,
  Instant,
  InstantOrNull,
  Int,
  Nested,
  Text,
  TextOrNull,
  Texts,
  Uuid,
} from '../../common/api-schema';

class DeadlineDto {
  @Text() name: string;
  @Text({ format: 'date' }) dueDate: string;
  @Text() state: string;
  @TextOrNull({ format: 'date-time' }) at: string | null;
}

class DisclosedDto {
  @Texts({ description: 'the fields of personal data the partner received' }) fields: string[];
  @TextOrNull({ description: 'the legal basis of the disclosure' }) basis: string | null;
}

/** A partner request as the ledger holds it (detention-view.ts `requestView`). */
export class RequestDto {
  @Uuid() id: string;
  @Uuid() detentionId: string;
  @Text({ enum: REQUEST_TYPES }) type: string;
  @Text() partnerId: string;
  @Text({ description: 'sent, received, acknowledged, accepted, waitlisted, declined, completed or withdrawn' })
  status: string;
  @DayOrNull() dueDate: string | null;
  @Instant() sentAt: string;
  @InstantOrNull() acknowledgedAt: string | null;
  @InstantOrNull() chasedAt: string | null;
  @Bool({ description: 'not acknowledged in time: the partner was chased' }) chased: boolean;
  @InstantOrNull() escalatedAt: string | null;
  @InstantOrNull() withdrawnAt: string | null;
  @TextOrNull() withdrawReason: string | null;
  @InstantOrNull() closedAt: string | null;
  @InstantOrNull({ description: 'coordination by Terugkeer ended while the service goes on' })
  coordinationEndedAt: string | null;
  @InstantOrNull({ description: 'closed before the detainee withdrew consent: stop processing what you hold' })
  consentWithdrawnAt: string | null;
  @TextOrNull() reference: string | null;
  @TextOrNull() reason: string | null;
  @Text({ description: 'inbox, pending, delivered, rejected or failed' }) delivery: string;
  @InstantOrNull() deliveredAt: string | null;
  @TextOrNull() deliveryError: string | null;
  @Nested([DeadlineDto]) deadlines: DeadlineDto[];
  @Nested(DisclosedDto) disclosed: DisclosedDto;
  @Text() stepInstanceId: string;
}

/** What the inbox shows of a request: its minimal payload and where to answer. */
export class RequestInboxItemDto extends RequestDto {
  @Uuid() requestId: string;
  @FreeObject({ description: 'the minimal data the request type needs' }) data: object;
  @Text({ example: '/api/v1/requests/3f0c…/responses' }) respondUrl: string;
}

export class RequestPageDto {
  @Nested([RequestInboxItemDto]) items: RequestInboxItemDto[];
  @Int() page: number;
  @Int() pageSize: number;
  @Int({ description: 'the matches, counted up to 1,000 (see totalCapped)' }) total: number;
  @Bool({ description: 'true when there are more than 1,000 matches: total is then 1,000' }) totalCapped: boolean;
}

class ResponseEffectDto {
  @Text() status: string;
  @Text({ description: 'applied, or why it had no effect (a duplicate, a late answer, a withdrawn request)' })
  effect: string;
}

export class RespondResultDto extends RequestInboxItemDto {
  @Nested(ResponseEffectDto) response: ResponseEffectDto;
}
