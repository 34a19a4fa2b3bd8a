import {
  BASIC_CONDITIONS,
  CONDITION_STATUSES,
  NEED_KEYS,
  TASK_OUTCOMES,
  type Needs,
  type TaskType,
} from '@terugkeer/domain';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../common/validators';
import { NeedsDto } from '../detentions/dto/register-intake.dto';

/** Completion data per task type, validated with class-validator; `formSchema` describes the same for forms. */
class NoteData {
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

class ConditionStatusesDto {
  @IsIn(CONDITION_STATUSES) id: string;
  @IsIn(CONDITION_STATUSES) housing: string;
  @IsIn(CONDITION_STATUSES) income: string;
  @IsIn(CONDITION_STATUSES) debts: string;
  @IsIn(CONDITION_STATUSES) care: string;
}

class ConsentAllDto {
  @IsBoolean() id: boolean;
  @IsBoolean() housing: boolean;
  @IsBoolean() income: boolean;
  @IsBoolean() debts: boolean;
  @IsBoolean() care: boolean;
}

export class ScreeningData extends NoteData {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => NeedsDto) needs: NeedsDto;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ConsentAllDto) consent: ConsentAllDto;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ConditionStatusesDto) conditions: ConditionStatusesDto;
  @IsOptional() @IsCalendarDate() idDocumentExpiry: string | null = null;
}

export class MeetingData extends NoteData {
  @IsOptional() @IsCalendarDate() heldOn?: string;
  @IsOptional()
  @IsArray()
  @IsIn(['detainee', 'municipality', 'probation', 'mentor'], { each: true })
  participants?: string[];
  /** Why it was not held (required for `not-held`, see OUTCOME_REQUIRES). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ConditionsCheckData extends NoteData {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConditionStatusesDto)
  conditions?: ConditionStatusesDto;
}

export class InsuranceResumptionData extends NoteData {
  @IsOptional() @IsBoolean() careAllowanceApplied?: boolean;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ConditionStatusesDto) conditions?: ConditionStatusesDto;
}

export class BankAccountDigidData extends NoteData {
  @IsOptional() @IsBoolean() bankAccount?: boolean;
  @IsOptional() @IsBoolean() digid?: boolean;
}

/** Where the person stays first; no address: the municipality keeps that in its own systems. */
export const FIRST_PLACES = ['family-or-friends', 'shelter', 'own-home', 'other'] as const;

export class FirstPlaceData extends NoteData {
  @IsOptional() @IsIn(FIRST_PLACES) place?: string;
}

export const TASK_DATA: Record<TaskType, new () => object> = {
  'insurance-suspension': NoteData,
  screening: ScreeningData,
  'trajectory-meeting': MeetingData,
  'exit-meeting': MeetingData,
  'bank-account-digid': BankAccountDigidData,
  'insurance-resumption': InsuranceResumptionData,
  'aftercare-check': ConditionsCheckData,
  'request-follow-up': NoteData,
  'first-place-to-stay': FirstPlaceData,
  'meeting-invitation': NoteData,
  'record-incomplete': NoteData,
};

/** Data fields an outcome needs beyond the type's schema. */
export const OUTCOME_REQUIRES: Partial<Record<TaskType, Record<string, string>>> = {
  'trajectory-meeting': { 'not-held': 'reason' },
  'exit-meeting': { 'not-held': 'reason' },
  'aftercare-check': { completed: 'conditions' },
};

const note = { type: 'string', maxLength: 2000 };
const conditionStatuses = {
  type: 'object',
  required: [...BASIC_CONDITIONS],
  additionalProperties: false,
  properties: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, { enum: [...CONDITION_STATUSES] }])),
};
const booleans = (required: readonly string[], optional: readonly string[] = []) => ({
  type: 'object',
  required: [...required],
  additionalProperties: false,
  properties: Object.fromEntries([...required, ...optional].map((k) => [k, { type: 'boolean' }])),
});
/** Help questions a screening may leave out (NeedsDto accepts them). */
const OPTIONAL_NEEDS: readonly Exclude<keyof Needs, (typeof NEED_KEYS)[number]>[] = ['debtsThreatening'];

const DATA_SCHEMAS: Record<TaskType, object> = {
  'insurance-suspension': { type: 'object', properties: { note } },
  screening: {
    type: 'object',
    required: ['needs', 'consent', 'conditions'],
    properties: {
      needs: booleans(NEED_KEYS, OPTIONAL_NEEDS),
      consent: booleans(BASIC_CONDITIONS),
      conditions: conditionStatuses,
      idDocumentExpiry: { type: ['string', 'null'], format: 'date' },
      note,
    },
  },
  'trajectory-meeting': meetingSchema(),
  'exit-meeting': meetingSchema(),
  'bank-account-digid': {
    type: 'object',
    properties: { bankAccount: { type: 'boolean' }, digid: { type: 'boolean' }, note },
  },
  'insurance-resumption': {
    type: 'object',
    properties: { careAllowanceApplied: { type: 'boolean' }, conditions: conditionStatuses, note },
  },
  'aftercare-check': {
    type: 'object',
    properties: { conditions: { ...conditionStatuses, description: 'required when the outcome is completed' }, note },
  },
  'request-follow-up': { type: 'object', properties: { note } },
  'first-place-to-stay': { type: 'object', properties: { place: { enum: [...FIRST_PLACES] }, note } },
  'meeting-invitation': { type: 'object', properties: { note } },
  'record-incomplete': { type: 'object', properties: { note } },
};

function meetingSchema() {
  return {
    type: 'object',
    properties: {
      heldOn: { type: 'string', format: 'date' },
      participants: { type: 'array', items: { enum: ['detainee', 'municipality', 'probation', 'mentor'] } },
      reason: { type: 'string', maxLength: 2000, description: 'required when the outcome is not-held' },
      note,
    },
  };
}

/** JSON schema of the completion body of a task type (served with each task). */
export function formSchema(type: TaskType) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['outcome'],
    additionalProperties: false,
    properties: {
      outcome: { enum: [...TASK_OUTCOMES[type]] },
      data: DATA_SCHEMAS[type],
      version: { type: 'integer', description: 'the task version you saw; a stale completion gets 409' },
    },
  };
}
