import { BASIC_CONDITIONS, CONDITION_SOURCES, CONDITION_STATUSES, REQUEST_STATUSES } from '@terugkeer/domain';
import {
  Bool,
  BoolOrNull,
  Day,
  DayOrNull,
  FreeObjectOrNull,
  Instant,
  InstantOrNull,
  Int,
  MapOf,
  Nested,
  NestedOrNull,
  Text,
  TextOrNull,
  Texts,
  Uuid,
} from '../../common/api-schema';
import { RequestDto } from '../../requests/dto/request.responses';
import { TaskDto } from '../../tasks/dto/task.responses';

/** A step of the plan (detention-view.ts `stepView`). */
export class StepDto {
  @Text({ example: 'trajectory-meeting#2' }) instanceId: string;
  @Text() stepId: string;
  @Text() kind: string;
  @Text() title: string;
  @Text({ example: 'R-8w', description: 'the rule that (will) fire it' }) rule: string;
  @Text() state: string;
  @DayOrNull({ description: 'the on-time date; null while it waits for an unknown date' })
  plannedDate: string | null;
  @DayOrNull() dueDate: string | null;
  @InstantOrNull() fireAt: string | null;
  @InstantOrNull() firedAt: string | null;
  @Bool() late: boolean;
  @TextOrNull() waitingFor: string | null;
  @TextOrNull() reason: string | null;
}

export class DetentionSummaryDto {
  @Uuid() id: string;
  @Text() prison: string;
  @Text() municipality: string;
  @Text() probation: string;
  @Text({ enum: ['detained', 'aftercare', 'closed'] }) phase: string;
  @Text() personName: string;
  @Day() intakeDate: string;
  @DayOrNull() expectedReleaseDate: string | null;
  @DayOrNull() actualReleaseDate: string | null;
  @TextOrNull() caseReference: string | null;
}

export class DetentionPageDto {
  @Nested([DetentionSummaryDto]) items: DetentionSummaryDto[];
  @Int() page: number;
  @Int() pageSize: number;
  @Int({ description: 'the matches, counted up to 1,000 (see totalCapped)' }) total: number;
  @Bool({ description: 'true when there are more than 1,000 matches: total is then 1,000' }) totalCapped: boolean;
}

class DetentionPersonDto {
  @Text() name: string;
  @Day() dateOfBirth: string;
  @Text({ required: false, description: 'only for the government bodies that work with the person' })
  bsn?: string;
}

class ContactDetailsDto {
  @Text() name: string;
  @Text() email: string;
  @Text() phone: string;
}

/** Whom to call about the case (case-contacts.ts `caseContacts`). */
class CaseContactDto {
  @Text({ example: 'GM0363', description: 'the code of the prison, municipality or probation organisation' })
  organisation: string;
  @Text({ enum: ['casemanager', 'municipality', 'probation'] }) role: string;
  @Text({ example: 'Team Nazorg' }) name: string;
  @Text({ example: 'nazorg@gemeente.example' }) email: string;
  @TextOrNull({ example: '+31 20 000 0000' }) phone: string | null;
}

/** A basic condition's light and what it rests on (`caseConditions`; the same on every screen). */
export class ConditionStatusDto {
  @TextOrNull({
    enum: ['green', 'amber', 'red'],
    description: 'green arranged, amber in progress, red at risk; null: not shared',
  })
  status: string | null;
  @Text({ enum: [...CONDITION_SOURCES, 'not-shared'], description: 'what the status rests on' }) source: string;
  @Text({ example: 'request completed by gm0363-wonen', description: 'why, in a sentence (no personal data)' })
  reason: string;
  @TextOrNull({ enum: [...REQUEST_STATUSES], description: 'for a status from a request: its status' })
  requestStatus: string | null;
  @TextOrNull({ description: 'for a status from a request: the partner' }) partnerId: string | null;
  @DayOrNull({ description: 'the day the evidence is from, where it has one' }) on: string | null;
}

class BasicConditionDto extends ConditionStatusDto {
  @BoolOrNull({ description: 'null when not shared with you' }) needsHelp: boolean | null;
  @BoolOrNull() consent: boolean | null;
  @Bool({ description: 'false: the detainee does not consent to share this condition with you' }) shared: boolean;
}

class BasicConditionsDto {
  @Nested(BasicConditionDto) id: BasicConditionDto;
  @Nested(BasicConditionDto) housing: BasicConditionDto;
  @Nested(BasicConditionDto) income: BasicConditionDto;
  @Nested(BasicConditionDto) debts: BasicConditionDto;
  @Nested(BasicConditionDto) care: BasicConditionDto;
}

class EndedDto {
  @Text() reason: string;
  @DayOrNull() date: string | null;
}

class PlaybookRefDto {
  @Text() id: string;
  @Int() version: number;
}

const BOOLEANS = { type: 'boolean' };
const STATUSES = { type: 'object', additionalProperties: { type: 'string', enum: [...CONDITION_STATUSES] } };

/** One detention as its reader may see it (detention-view.ts `detentionView`). */
export class DetentionDto {
  @Uuid() id: string;
  @Text() workflowId: string;
  @Text({ enum: ['detained', 'aftercare', 'closed'] }) phase: string;
  @Text() prison: string;
  @Text() municipality: string;
  @Text() probation: string;
  @Nested(DetentionPersonDto) person: DetentionPersonDto;
  @TextOrNull() caseReference: string | null;
  @Nested(ContactDetailsDto) casemanager: ContactDetailsDto;
  @Nested([CaseContactDto], {
    description:
      'whom to call: the casemanager of the case, then the contact registry’s mailboxes of the municipality (role ' +
      'municipality) and of the probation organisation (role probation); none listed for an organisation that ' +
      'registered none',
  })
  contacts: CaseContactDto[];
  @Day() intakeDate: string;
  @DayOrNull() expectedReleaseDate: string | null;
  @DayOrNull() actualReleaseDate: string | null;
  @DayOrNull() screeningCompletedDate: string | null;
  @DayOrNull() idDocumentExpiry: string | null;
  @MapOf(BOOLEANS, { description: 'help questions (true = needs help); only those shared with you' })
  needs: Record<string, boolean>;
  @MapOf(STATUSES, { description: 'per moment (intake, release, sixMonths) the status per shared condition' })
  measurements: Record<string, Record<string, string>>;
  @Nested(BasicConditionsDto, { description: `per basic condition (${BASIC_CONDITIONS.join(', ')})` })
  basicConditions: BasicConditionsDto;
  @MapOf(BOOLEANS, { description: 'consent per basic condition' }) consent: Record<string, boolean>;
  @NestedOrNull(EndedDto) ended: EndedDto | null;
  @NestedOrNull(EndedDto) closed: EndedDto | null;
  @Nested(PlaybookRefDto) playbook: PlaybookRefDto;
  @Nested([StepDto]) plannedSteps: StepDto[];
  @Nested([StepDto]) doneSteps: StepDto[];
  @Nested([StepDto]) skippedSteps: StepDto[];
  @Nested([TaskDto]) openTasks: TaskDto[];
  @Nested([RequestDto]) openRequests: RequestDto[];
  @Instant() registeredAt: string;
  @Instant() updatedAt: string;
}

class ActorRefDto {
  @Text({ description: 'user, partner, rule or system' }) kind: string;
  @TextOrNull() id: string | null;
  @Text() label: string;
}

class EventSubjectDto {
  @Text({ enum: ['request', 'task', 'step'] }) kind: string;
  @Text({ description: 'the request type, task type or step id: what the event is about' }) type: string;
}

export class TimelineEventDto {
  @Int({ description: 'the workflow event order; a note (type `note`) carries the seq of the event before it' })
  seq: number;
  @Instant({ description: 'when Terugkeer processed it' }) at: string;
  @Day({
    description:
      'the day it is about: the release, transfer or ending date it names, the intake date for `registered`, else the day it was processed (Europe/Amsterdam)',
  })
  on: string;
  @Text({ description: 'what happened; `note` for a case note (its id in `data.noteId`)' }) type: string;
  @Text() summary: string;
  @Nested(ActorRefDto) by: ActorRefDto;
  @TextOrNull() stepInstanceId: string | null;
  @TextOrNull({ format: 'uuid' }) taskId: string | null;
  @TextOrNull({ format: 'uuid' }) requestId: string | null;
  @FreeObjectOrNull() data: object | null;
  @TextOrNull({
    description:
      "what a person wrote that it records (a partner's reason, the reason for a new date or municipality, a note on an ending)",
  })
  reason: string | null;
  @Texts({
    enum: [...BASIC_CONDITIONS],
    description:
      'the basic conditions it is about, as far as shared with you: its request or step; all five for a screening, a check after release, the release, its measurement or a moved release date; none for the rest',
  })
  conditions: string[];
  @NestedOrNull(EventSubjectDto) subject: EventSubjectDto | null;
}

export class TimelineDto {
  @Uuid() detentionId: string;
  @Nested([TimelineEventDto]) events: TimelineEventDto[];
  @Nested([StepDto]) plannedSteps: StepDto[];
}

class StepChangeDto {
  @Text() instanceId: string;
  @Text() title: string;
  @Text() rule: string;
  @DayOrNull() from: string | null;
  @DayOrNull() to: string | null;
  @Text({ required: false }) reason?: string;
}

/** What a change of facts did to the plan. */
export class PlanChangesDto {
  @Nested([StepChangeDto], { description: 'steps still to come whose date changed' }) moved: StepChangeDto[];
  @Nested([StepChangeDto], { description: 'steps that fire at once, after their on-time date' })
  late: StepChangeDto[];
  @Nested([StepChangeDto], { description: 'fired requests whose premise is gone' }) withdrawn: StepChangeDto[];
  @Nested([StepChangeDto], { description: 'steps that no longer apply' }) skipped: StepChangeDto[];
  @Nested([StepChangeDto], { description: 'steps that now apply and did not before' }) added: StepChangeDto[];
}

export class PreviewDto {
  @Uuid() detentionId: string;
  @DayOrNull() expectedReleaseDate: string | null;
  @Nested([StepDto]) steps: StepDto[];
  @Nested(PlanChangesDto) changes: PlanChangesDto;
}

export class ExpectedReleaseResultDto extends PlanChangesDto {
  @Uuid() detentionId: string;
  @DayOrNull() expectedReleaseDate: string | null;
}

export class FactsChangeResultDto {
  @Nested(PlanChangesDto) changes: PlanChangesDto;
  @NestedOrNull(DetentionDto, { description: 'null when the change moved the detention out of your scope' })
  detention: DetentionDto | null;
}
