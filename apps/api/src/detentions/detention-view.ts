import type { Principal } from '@terugkeer/auth';
import {
  caseConditions,
  amsterdamDate,
  BASIC_CONDITIONS,
  DEFAULT_PLAYBOOK,
  findPlaybook,
  plan,
  type CalendarDate,
  type DetentionFacts,
  type PlannedStep,
  isOpenRequest,
  isOpenTask,
  isPendingStep,
  type ProbationOrganisation,
  type RequestStatus,
  type StepProgress,
  type BasicCondition,
  type Needs,
} from '@terugkeer/domain';
import type {
  DetentionEntity,
  DetentionStepEntity,
  OrganisationContactsEntity,
  PartnerRequestEntity,
  TaskEntity,
} from '@terugkeer/persistence';
import { seesBsn } from '../common/scope';
import { SharedConditions } from '../common/shared-conditions';
import { caseContacts } from './case-contacts';

export function factsOf(row: DetentionEntity): DetentionFacts {
  return {
    prison: row.prison,
    municipality: row.municipality,
    probation: row.probation as ProbationOrganisation,
    intakeDate: row.intakeDate,
    expectedReleaseDate: row.expectedReleaseDate,
    actualReleaseDate: row.actualReleaseDate,
    screeningCompletedDate: row.screeningCompletedDate,
    needs: row.needs,
    consent: row.consent,
    idDocumentExpiry: row.idDocumentExpiry,
    ending: row.endedReason ? { reason: row.endedReason as never, date: row.endedDate! } : null,
    releaseAddressKnown: row.releaseAddressKnown,
  };
}

export function playbookOf(row: DetentionEntity) {
  return findPlaybook(row.playbookId, row.playbookVersion) ?? DEFAULT_PLAYBOOK;
}

/**
 * What the workflow recorded as fired, recovered from the projected plan (for previews). A step whose requests
 * the partners closed (completed, declined) is settled, as the workflow has it: no date or consent undoes it.
 */
export function progressOf(
  steps: DetentionStepEntity[],
  requests: Pick<PartnerRequestEntity, 'stepInstanceId' | 'status'>[] = [],
): Record<string, StepProgress> {
  const settled = (instanceId: string) => {
    const own = requests.filter((r) => r.stepInstanceId === instanceId);
    return (
      own.some((r) => r.status === 'completed' || r.status === 'declined') &&
      !own.some((r) => isOpenRequest(r.status as RequestStatus))
    );
  };
  return Object.fromEntries(
    steps
      .filter((s) => s.firedAt !== null && (s.state === 'done' || s.state === 'withdrawn'))
      .map((s) => [
        s.instanceId,
        {
          firedAt: new Date(s.firedAt!).getTime(),
          plannedDate: s.plannedDate!,
          late: s.late,
          ...(s.state === 'done' && settled(s.instanceId) ? { settled: true } : {}),
          ...(s.state === 'withdrawn'
            ? { withdrawnAt: new Date(s.firedAt!).getTime(), withdrawReason: s.reason ?? undefined }
            : {}),
        },
      ]),
  );
}

interface StepView {
  instanceId: string;
  stepId: string;
  kind: string;
  title: string;
  rule: string;
  state: string;
  plannedDate: CalendarDate | null;
  dueDate: CalendarDate | null;
  fireAt: string | null;
  firedAt: string | null;
  late: boolean;
  waitingFor: string | null;
  reason: string | null;
}

export function stepView(step: DetentionStepEntity | PlannedStep): StepView {
  const instant = (v: Date | number | null | undefined) =>
    v === null || v === undefined ? null : new Date(v).toISOString();
  return {
    instanceId: step.instanceId,
    stepId: step.stepId,
    kind: step.kind,
    title: step.title,
    rule: step.rule,
    state: step.state,
    plannedDate: step.plannedDate,
    dueDate: step.dueDate,
    fireAt: instant(step.fireAt),
    firedAt: instant(step.firedAt),
    late: step.late,
    waitingFor: step.waitingFor ?? null,
    reason: step.reason ?? null,
  };
}

/** The plan as last projected; before the first projection, what the planner says now. */
function currentSteps(row: DetentionEntity, steps: DetentionStepEntity[]): StepView[] {
  if (steps.length) return steps.sort((a, b) => a.position - b.position).map(stepView);
  const input = { playbook: playbookOf(row), facts: factsOf(row), progress: {}, now: Date.now() };
  return plan({ ...input, edgeRules: row.edgeRules }).steps.map(stepView);
}

/** A task as the read model holds it, or as an update answered it. */
type TaskLike = Omit<TaskEntity, 'createdAt' | 'completedAt' | 'remindedAt' | 'escalatedAt' | 'data' | 'context'> & {
  createdAt: Date | string;
  completedAt: Date | string | null;
  remindedAt: Date | string | null;
  escalatedAt: Date | string | null;
  data: object | null;
  context: object | null;
};

export function taskView(task: TaskLike) {
  return {
    id: task.id,
    detentionId: task.detentionId,
    type: task.type,
    title: task.title,
    role: task.role,
    org: task.org,
    status: task.status,
    dueDate: task.dueDate,
    overdue: isOpenTask(task.status) && task.dueDate !== null && task.dueDate < todayIso(),
    claimedBy: task.claimedBy,
    outcome: task.outcome,
    data: task.data,
    context: task.context,
    version: task.version,
    stepInstanceId: task.stepInstanceId,
    createdAt: new Date(task.createdAt).toISOString(),
    completedAt: task.completedAt && new Date(task.completedAt).toISOString(),
    completedBy: task.completedBy,
    remindedAt: task.remindedAt && new Date(task.remindedAt).toISOString(),
    escalatedAt: task.escalatedAt && new Date(task.escalatedAt).toISOString(),
  };
}

export function requestView(request: PartnerRequestEntity) {
  return {
    id: request.id,
    detentionId: request.detentionId,
    type: request.type,
    partnerId: request.partnerId,
    status: request.status,
    dueDate: request.dueDate,
    sentAt: new Date(request.sentAt).toISOString(),
    acknowledgedAt: request.acknowledgedAt && new Date(request.acknowledgedAt).toISOString(),
    chasedAt: request.chasedAt && new Date(request.chasedAt).toISOString(),
    /** Not acknowledged in time: the partner was chased (webhook partners also got a `reminder` message). */
    chased: request.chasedAt !== null,
    escalatedAt: request.escalatedAt && new Date(request.escalatedAt).toISOString(),
    withdrawnAt: request.withdrawnAt && new Date(request.withdrawnAt).toISOString(),
    withdrawReason: request.withdrawReason,
    closedAt: request.closedAt && new Date(request.closedAt).toISOString(),
    /** Aftercare ended while the service goes on: coordination by Terugkeer ended (`closed` message). */
    coordinationEndedAt: request.coordinationEndedAt && new Date(request.coordinationEndedAt).toISOString(),
    /** A request closed before the detainee withdrew consent: stop processing what you hold (rule 5). */
    consentWithdrawnAt: request.consentWithdrawnAt && new Date(request.consentWithdrawnAt).toISOString(),
    reference: request.reference,
    reason: request.reason,
    delivery: request.delivery,
    deliveredAt: request.deliveredAt && new Date(request.deliveredAt).toISOString(),
    deliveryError: request.deliveryError,
    deadlines: request.deadlines,
    disclosed: { fields: request.disclosedFields, basis: request.disclosureBasis },
    stepInstanceId: request.stepInstanceId,
  };
}

const todayIso = () => amsterdamDate(Date.now());

/**
 * What a reader may see of the basic conditions: everything for the prison; for the chain only the conditions the
 * detainee consents to share (a revocation hides them again). Each condition's status is the one truth of
 * `caseConditions`, with what it rests on.
 */
function sharedConditions(
  row: DetentionEntity,
  shared: SharedConditions,
  related: { tasks: TaskEntity[]; requests: PartnerRequestEntity[] },
) {
  const measurements = Object.fromEntries(
    Object.entries(row.measurements).map(([moment, statuses]) => [moment, shared.only(statuses ?? {})]),
  ) as DetentionEntity['measurements'];
  const needs = Object.fromEntries(
    Object.entries(row.needs).filter(([need]) => {
      const condition = (need === 'debtsThreatening' ? 'debts' : need) as BasicCondition;
      return !(BASIC_CONDITIONS as readonly string[]).includes(condition) || shared.shows(condition);
    }),
  ) as Partial<Needs>;
  const statuses = caseConditions(row, shared, related, todayIso());
  const basicConditions = Object.fromEntries(
    BASIC_CONDITIONS.map((c) => [
      c,
      shared.shows(c)
        ? { needsHelp: row.needs[c], consent: row.consent[c] ?? null, ...statuses[c], shared: true }
        : { needsHelp: null, consent: row.consent[c] ?? null, ...statuses[c], shared: false },
    ]),
  );
  return { needs, measurements, basicConditions };
}

export function detentionSummary(row: DetentionEntity) {
  return {
    id: row.id,
    prison: row.prison,
    municipality: row.municipality,
    probation: row.probation,
    phase: row.phase,
    personName: row.personName,
    intakeDate: row.intakeDate,
    expectedReleaseDate: row.expectedReleaseDate,
    actualReleaseDate: row.actualReleaseDate,
    caseReference: row.caseReference,
  };
}

export function detentionView(
  row: DetentionEntity,
  principal: Principal,
  related: {
    steps: DetentionStepEntity[];
    tasks: TaskEntity[];
    requests: PartnerRequestEntity[];
    contacts: Pick<OrganisationContactsEntity, 'code' | 'contacts'>[];
  },
) {
  const shared = SharedConditions.for(principal, row, related);
  const steps = currentSteps(row, related.steps).filter((s) => shared.showsStep(s));
  return {
    id: row.id,
    workflowId: row.workflowId,
    phase: row.phase,
    prison: row.prison,
    municipality: row.municipality,
    probation: row.probation,
    person: {
      name: row.personName,
      dateOfBirth: row.personDateOfBirth,
      ...(seesBsn(principal) ? { bsn: row.personBsn } : {}),
    },
    caseReference: row.caseReference,
    casemanager: row.casemanager,
    contacts: caseContacts(row, related.contacts),
    intakeDate: row.intakeDate,
    expectedReleaseDate: row.expectedReleaseDate,
    actualReleaseDate: row.actualReleaseDate,
    screeningCompletedDate: row.screeningCompletedDate,
    idDocumentExpiry: row.idDocumentExpiry,
    ...sharedConditions(row, shared, related),
    consent: row.consent,
    ended: row.endedReason ? { reason: row.endedReason, date: row.endedDate } : null,
    closed: row.closedReason ? { reason: row.closedReason, date: row.closedDate } : null,
    playbook: { id: row.playbookId, version: row.playbookVersion },
    plannedSteps: steps.filter((s) => isPendingStep(s.state)),
    doneSteps: steps.filter((s) => s.state === 'done' || s.state === 'withdrawn'),
    skippedSteps: steps.filter((s) => s.state === 'skipped'),
    openTasks: related.tasks.filter((t) => isOpenTask(t.status) && shared.showsItem(t)).map(taskView),
    openRequests: related.requests
      .filter((r) => isOpenRequest(r.status as RequestStatus) && shared.showsRequest(r))
      .map(requestView),
    registeredAt: new Date(row.registeredAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
