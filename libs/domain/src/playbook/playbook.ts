import type { BasicCondition, MeasurementMoment, NeedKey } from '../detention/detention-facts';
import type { PartnerResponseStatus } from '../requests/request-status';

/**
 * Offsets count from: `intake` (I), `screening` completed (S), `expectedRelease` (R, moves),
 * `actualRelease` (X). The parts of an offset are applied in the order months, weeks, days, working days.
 */
export type Anchor = 'intake' | 'screening' | 'expectedRelease' | 'actualRelease';
export interface Offset {
  months?: number;
  weeks?: number;
  days?: number;
  /** Mon–Fri, Dutch public holidays excluded. */
  workingDays?: number;
}
export interface AnchoredOffset {
  anchor: Anchor;
  offset?: Offset;
}

/** `close`: the case closes by itself at that moment (e.g. when nobody completed the last aftercare check). */
export const STEP_KINDS = ['request', 'task', 'reminder', 'notice', 'close'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const TASK_ROLES = ['casemanager', 'municipality', 'probation'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

export const REQUEST_TYPES = [
  'detention-start-notice',
  'release-notice',
  'id-application',
  'housing-request',
  'debt-help-referral',
  'benefit-pre-application',
  'care-continuity',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const TASK_TYPES = [
  'insurance-suspension',
  'screening',
  'trajectory-meeting',
  'exit-meeting',
  'bank-account-digid',
  'insurance-resumption',
  'aftercare-check',
  'request-follow-up',
  'first-place-to-stay',
  'meeting-invitation',
  /** Part of the case's record was refused by the read models (a dead letter): the overview may be incomplete. */
  'record-incomplete',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/**
 * Who receives a request: a partner of the responsible municipality, of the municipality where the prison
 * stands (ID cards since 1 Sept 2023), or the probation organisation of the detention.
 */
export type RecipientKind = 'residenceMunicipality' | 'prisonMunicipality' | 'probation';

/** Every condition of a step must hold for it to apply. */
export type StepCondition =
  | { kind: 'stayLongerThan'; days: number }
  | { kind: 'need'; anyOf: NeedKey[] }
  /** No valid ID, or the ID document expires before X (or R, or I while both are unknown) + `validFor`. */
  | { kind: 'idDocumentNeeded'; validFor: Offset }
  /** Released without a known address. */
  | { kind: 'releaseAddressUnknown' };

export type StepAction =
  | {
      type: 'task';
      task: TaskType;
      role: TaskRole;
      /** Records the five conditions for this outcome measurement moment. */
      measurement?: MeasurementMoment;
      /** Completing this task closes the case. */
      closesCase?: boolean;
      /** A meeting: besides the organiser's task, each of these roles gets an invitation task. */
      participants?: TaskRole[];
    }
  | { type: 'requests'; requests: { request: RequestType; to: RecipientKind }[] }
  /** Closes the case with this reason (if it is still open). */
  | { type: 'close'; reason: string };

export interface StepDefinition {
  id: string;
  title: string;
  kind: StepKind;
  /** Human label of the moment, e.g. `R−8w`; shown on timelines as the rule that fired. */
  rule: string;
  at: AnchoredOffset;
  /** "or S if later": never before this anchor, and wait for it while it is unknown. */
  notBefore?: Anchor;
  /** Due date of the task (or of the request at the partner): from the fire date or from an anchor. */
  due?: { from: 'fire' | Anchor; offset?: Offset };
  /** A recurring reminder: again every `every` while the occurrence falls on or before `until`. */
  repeat?: { every: Offset; until: AnchoredOffset };
  when: StepCondition[];
  /** Short stays (≤ shortStay.noPlanUpToDays) keep only these steps: no re-integration plan. */
  shortStayEssential: boolean;
  /** The basic condition whose information this step shares: needs the detainee's consent. */
  sharesCondition?: BasicCondition;
  action: StepAction;
}

export interface RequestTypeDefinition {
  type: RequestType;
  title: string;
  /** Notices are informational: delivered, not tracked to closure nor chased. */
  notice: boolean;
  /** Due date at the partner, counted from sending, unless `dueFrom` anchors it (e.g. housing by release). */
  dueAfterSent?: Offset;
  dueAt?: AnchoredOffset;
  /** Shorter due window when the detainee reports threatening debts (Wgs: 3 working days). */
  threateningDueAfterSent?: Offset;
  /** Overrides the playbook's acknowledgement window for this type. */
  acknowledgeWithin?: Offset;
  /**
   * Named deadlines that are tracked and shown, e.g. a benefit advance at 4 weeks: counted from sending (or from
   * acceptance, `from: 'accepted'`), met once the request reaches one of `metWhen`, missed when its date passes
   * first. `threateningAfter` is the shorter term when the detainee reports threatening debts.
   */
  milestones?: RequestMilestone[];
}

export interface RequestMilestone {
  name: string;
  after: Offset;
  from?: 'sent' | 'accepted';
  threateningAfter?: Offset;
  metWhen: PartnerResponseStatus[];
}

export interface Playbook {
  id: string;
  version: number;
  title: string;
  /** Local time (Europe/Amsterdam) at which a step planned for a date fires. */
  fireAtLocalTime: string;
  shortStay: {
    /** Stay ≤ this many days: no re-integration plan, only the essential steps. */
    noPlanUpToDays: number;
    /** Stay ≤ this many days: release-relative steps that fall before intake fire at intake, without waiting for S. */
    fireAtIntakeUpToDays: number;
  };
  sla: {
    /** A partner acknowledges a request within this window, or it is chased once… */
    acknowledgeWithin: Offset;
    /** …and escalated to the municipality coordinator when still unacknowledged this long after the chase. */
    escalateAfterChase: Offset;
    /** A webhook that keeps failing this long (an outage) escalates to the municipality coordinator. */
    deliveryEscalateAfter: Offset;
    /** An open task this long past its due date: a reminder to whoever holds it… */
    taskReminderAfterDue: Offset;
    /** …and this long after the reminder, a flag for the supervisor. */
    taskEscalateAfterReminder: Offset;
  };
  steps: StepDefinition[];
  requestTypes: Record<RequestType, RequestTypeDefinition>;
}
