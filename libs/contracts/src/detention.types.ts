import type {
  CalendarDate,
  ConditionStatuses,
  Consent,
  DetentionFacts,
  MeasurementMoment,
  Needs,
  Phase,
  PlannedStep,
  ProbationOrganisation,
  RecipientKind,
  RequestDeadline,
  RequestStatus,
  RequestType,
  WithdrawalReason,
  StepProgress,
  TaskData,
  TaskRole,
  TaskStatus,
  TaskType,
} from '@terugkeer/domain';

/** `detention-<uuid>`: starting twice is success, not an error. */
export const detentionWorkflowId = (detentionId: string) => `detention-${detentionId}`;

/** Who acts, from the verified token. */
export interface Actor {
  sub: string;
  role: string;
  org: string;
}

export interface PersonDetails {
  bsn: string;
  name: string;
  dateOfBirth: CalendarDate;
}

export interface ContactDetails {
  name: string;
  email: string;
  phone: string;
}

/** An accepted intake: the workflow's input. Holds personal data; Temporal payloads are encrypted. */
export interface DetentionRegistration {
  detentionId: string;
  person: PersonDetails;
  prison: string;
  municipality: string;
  probation: ProbationOrganisation;
  intakeDate: CalendarDate;
  expectedReleaseDate: CalendarDate | null;
  casemanager: ContactDetails;
  needs: Needs;
  idDocumentExpiry: CalendarDate | null;
  /** Consent per basic condition given at intake (rule 9); the screening records the rest. */
  consent?: Consent;
  registeredAt: string;
  registeredBy: string;
  /** The person's previous detention, still in aftercare: it closes with reason `re-detained`. */
  previousDetentionId?: string;
}

export interface HumanTask {
  id: string;
  detentionId: string;
  stepInstanceId: string | null;
  type: TaskType;
  role: TaskRole;
  /** Prison code, CBS code or probation organisation the task belongs to. */
  org: string;
  title: string;
  dueDate: CalendarDate | null;
  status: TaskStatus;
  claimedBy: string | null;
  outcome: string | null;
  data: TaskData | null;
  /**
   * Why the task exists beyond its step: the request a follow-up is about, the meeting an invitation is for (with
   * its planned date), a task handed over at release, the part of the record that could not be saved.
   */
  context: {
    requestId?: string;
    reason?: string;
    meetingTaskId?: string;
    plannedDate?: string;
    handedOver?: boolean;
    /** A `record-incomplete` task: the part of the record the read models refused. */
    deadLetter?: { kind: string; key: string };
  } | null;
  /** Increases with every change: a completion for an older version is stale (409). */
  version: number;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  /** Overdue: when the reminder went out, and when the supervisor was flagged. */
  remindedAt: string | null;
  escalatedAt: string | null;
}

/**
 * How a request reaches its partner: its pollable inbox, or a signed webhook (pending until the partner
 * answers 2xx; rejected on another 4xx; failed after an outage of `sla.deliveryEscalateAfter`).
 * `cancelled`: withdrawn before it was confirmed delivered; its data were not sent again.
 */
export type DeliveryState = 'inbox' | 'pending' | 'delivered' | 'rejected' | 'failed' | 'cancelled';

export interface PartnerRequest {
  id: string;
  detentionId: string;
  stepInstanceId: string;
  type: RequestType;
  recipient: RecipientKind;
  /** The municipality (or probation organisation) the recipient was resolved for. */
  routedTo: string;
  partnerId: string;
  government: boolean;
  status: RequestStatus;
  dueDate: CalendarDate | null;
  /** Purpose-bound, minimal payload for this partner. */
  data: Record<string, unknown>;
  sentAt: string;
  acknowledgedAt: string | null;
  chasedAt: string | null;
  escalatedAt: string | null;
  withdrawnAt: string | null;
  /** What the partner is told; the timeline holds the full reason. */
  withdrawReason: WithdrawalReason | null;
  closedAt: string | null;
  reference: string | null;
  reason: string | null;
  delivery: DeliveryState;
  deliveredAt: string | null;
  deliveryError: string | null;
  /** Tracked deadlines (e.g. benefit advance and decision). */
  deadlines: RequestDeadline[];
  /** What this request disclosed, and on which basis. */
  disclosure: { fields: string[]; basis: string };
  /** Update messages sent so far (each has its own idempotency key). */
  updates: number;
  /** Aftercare ended while the partner's service goes on: it was told coordination ended (`closed`). */
  coordinationEndedAt?: string | null;
  /** Closed before the detainee withdrew consent for its condition: the partner was told (rule 5). */
  consentWithdrawnAt?: string | null;
  version: number;
}

/**
 * The messages a partner gets about a request (CONTRACT.md v1.1): the request itself, an `update` when what it
 * holds changed, a `reminder` when it was not acknowledged in time, a `withdrawal`, and `closed` when coordination
 * ends while the partner's service goes on.
 */
export const MESSAGE_EVENTS = ['request', 'update', 'reminder', 'withdrawal', 'closed'] as const;
export type MessageEvent = (typeof MESSAGE_EVENTS)[number];
/** Why a `closed` message was sent: Terugkeer's coordination ends, the partner's service does not. */
export type ClosedReason = 'coordination-ended';

/** The webhook body (CONTRACT.md), minus `respondUrl`, which the delivering worker adds. */
export interface WebhookBody {
  event: MessageEvent;
  requestId: string;
  type: RequestType;
  caseReference: string;
  dueDate: CalendarDate | null;
  data: Record<string, unknown>;
  deadlines?: { name: string; dueDate: CalendarDate }[];
  /** Withdrawals and `closed` only: why, in words that say nothing about the person. */
  reason?: WithdrawalReason | ClosedReason;
}

/** A message to a webhook partner, waiting for (or in) delivery. Carried through continue-as-new. */
export interface PendingDelivery {
  /** The Idempotency-Key: the request id for the request itself, `<id>:update:<n>` / `<id>:withdrawal` after. */
  key: string;
  requestId: string;
  partnerId: string;
  body: WebhookBody;
  createdAt: string;
  /** Stopped on its way to carry newer data: an update follows its delivery, in case the old one arrived. */
  restarted?: boolean;
  /**
   * When the outage window closed on this request message and a follow-up task went out: since then it is retried
   * at a slower pace, and its delivery closes that task. Absent before (and in runs from before that behaviour).
   */
  escalatedAt?: string;
}

/** One disclosure to a partner, for the audit log: who (Terugkeer, by which rule), what, to whom, when, why. */
export interface Disclosure {
  key: string;
  requestId: string;
  partnerId: string;
  event: MessageEvent;
  fields: string[];
  basis: string;
  at: string;
}

export type ActorKind = 'rule' | 'user' | 'partner' | 'system';

/**
 * One business event on the detention's timeline. Summaries name no person (no name, BSN or birth date); free-text
 * reasons a casemanager or partner gave are quoted as given, and are shown only to those who may see the case.
 */
export interface TimelineEvent {
  seq: number;
  at: string;
  type: string;
  summary: string;
  actor: { kind: ActorKind; id?: string; label: string };
  stepInstanceId?: string;
  taskId?: string;
  requestId?: string;
  data?: Record<string, unknown>;
}

/** The complete state of one detention workflow; carried intact through continue-as-new. */
export interface DetentionState {
  detentionId: string;
  registration: DetentionRegistration;
  playbook: { id: string; version: number };
  facts: DetentionFacts;
  phase: Phase;
  progress: Record<string, StepProgress>;
  tasks: Record<string, HumanTask>;
  requests: Record<string, PartnerRequest>;
  measurements: Partial<Record<MeasurementMoment, ConditionStatuses>>;
  /** Pseudonymous reference for partners that may not receive the BSN. */
  caseReference: string;
  closed: { reason: string; date: CalendarDate } | null;
  /** Webhook messages not yet delivered (restarted after a continue-as-new). */
  deliveries: Record<string, PendingDelivery>;
  /** Dead letters of the projection already reported by a task (`<kind>:<key>`); absent before the first. */
  deadLetters?: string[];
  /** The casemanager to contact now (rule 8); the registration's until it changes. */
  casemanager?: ContactDetails;
  /** The case follows DOMAIN.md's rules at the edges (started since them); carried through continue-as-new. */
  edgeRules?: boolean;
  /** Sequence number of the last timeline event. */
  seq: number;
}

/** What the read models get after every change: idempotent, ordered by `seq`. */
export interface ProjectionBatch {
  detentionId: string;
  seq: number;
  detention: {
    facts: DetentionFacts;
    phase: Phase;
    measurements: Partial<Record<MeasurementMoment, ConditionStatuses>>;
    playbook: { id: string; version: number };
    caseReference: string;
    closed: { reason: string; date: CalendarDate } | null;
    casemanager?: ContactDetails;
    edgeRules?: boolean;
  };
  steps: PlannedStep[];
  tasks: HumanTask[];
  requests: PartnerRequest[];
  events: TimelineEvent[];
  disclosures: Disclosure[];
}

export interface PartnerRef {
  id: string;
  name: string;
  government: boolean;
  delivery: 'webhook' | 'inbox';
}
