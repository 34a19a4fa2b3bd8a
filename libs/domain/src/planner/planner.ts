import { amsterdamDate, amsterdamInstant, maxDate, onOrAfterWorkingDay, type CalendarDate } from '../calendar';
import type { DetentionFacts } from '../detention/detention-facts';
import { applyOffset } from '../playbook/offsets';
import type { Anchor, Playbook, StepDefinition, StepKind } from '../playbook/playbook';
import {
  anchorDate,
  dueOnWorkingDay,
  instancesOf,
  isReleaseRelative,
  onFastPath,
  onWorkingDay,
  type Instance,
} from './moments';
import { premiseCheck, type PremiseKind } from './premises';

export { anchorDate, stepIdOf } from './moments';
export { premiseFails, stayDays } from './premises';

/** What happened to a step instance, as the workflow records it. */
export interface StepProgress {
  /** Instant (ms) the step fired: its request sent, its task created. */
  firedAt: number;
  /** The on-time date it had when it fired. */
  plannedDate: CalendarDate;
  late: boolean;
  /** Set when its requests were withdrawn (premise gone, case ended). */
  withdrawnAt?: number;
  withdrawReason?: string;
  /** How often it fired: a step withdrawn for a date or a consent fires again when its premise holds again. */
  attempt?: number;
  /**
   * Its requests were closed at the partner (completed, declined): what was done stays done — no later change of
   * facts withdraws or repeats it (rule 3).
   */
  settled?: boolean;
}
export type Progress = Readonly<Record<string, StepProgress>>;

export const STEP_STATES = ['planned', 'due', 'late', 'done', 'skipped', 'withdrawn'] as const;

/** A step still ahead: planned, due now, or past its on-time date and not yet done. */
export const isPendingStep = (state: string): boolean => state === 'planned' || state === 'due' || state === 'late';
export type StepState = (typeof STEP_STATES)[number];
export type WaitingFor = 'expectedReleaseDate' | 'screening' | 'actualRelease' | 'consent';

export interface PlannedStep {
  /** `housing-request`, or `trajectory-meeting#2` for the second occurrence of a recurring step. */
  instanceId: string;
  stepId: string;
  occurrence: number;
  kind: StepKind;
  title: string;
  /** The rule that (will) fire it, e.g. `R−8w` or `S+6w`. */
  rule: string;
  state: StepState;
  /** The on-time date; null while it waits for an unknown date. */
  plannedDate: CalendarDate | null;
  /** When it fires (ms); null when it does not wait to fire. */
  fireAt: number | null;
  dueDate: CalendarDate | null;
  /** Fired after its on-time date, or would be if it fired now. */
  late: boolean;
  waitingFor?: WaitingFor;
  /** Why it is skipped, or why its requests are (to be) withdrawn. */
  reason?: string;
  firedAt?: number;
  /** A fired request step whose premise is gone (need, consent, stay): its open requests must be withdrawn. */
  withdraw?: boolean;
  /** What the premise that went was: a consent (partners are told `consent-withdrawn`) or another. */
  withdrawal?: PremiseKind;
  /** Released before its moment: fires at release, a prison task becomes the municipality coordinator's (rule 1). */
  atRelease?: boolean;
}

export interface PlanInput {
  playbook: Playbook;
  facts: DetentionFacts;
  progress: Progress;
  /** The workflow clock (ms). */
  now: number;
  /**
   * The rules at the edges of DOMAIN.md (default). Detentions whose workflow started before them plan without
   * (`false`), so that their histories replay.
   */
  edgeRules?: boolean;
}

export interface Plan {
  steps: PlannedStep[];
  /** Steps whose moment has come: fire them now. */
  toFire: PlannedStep[];
  /** Fired request steps whose premise is gone: withdraw their open requests. */
  toWithdraw: PlannedStep[];
  /** The earliest moment a planned step fires (ms), or null. */
  nextFireAt: number | null;
}

const WAITING_ANCHOR: Record<Anchor, WaitingFor> = {
  intake: 'expectedReleaseDate', // never: the intake date is always known
  screening: 'screening',
  expectedRelease: 'expectedReleaseDate',
  actualRelease: 'actualRelease',
};

interface Context {
  playbook: Playbook;
  facts: DetentionFacts;
  progress: Progress;
  now: number;
  today: CalendarDate;
  edgeRules: boolean;
}
type Common = Pick<PlannedStep, 'instanceId' | 'stepId' | 'occurrence' | 'kind' | 'title' | 'rule'>;

function dueDateOf(step: StepDefinition, facts: DetentionFacts, fireDate: CalendarDate | null, edgeRules: boolean) {
  if (!step.due) return null;
  const base = step.due.from === 'fire' ? fireDate : anchorDate(facts, step.due.from);
  const due = base === null ? null : applyOffset(base, step.due.offset);
  return edgeRules ? dueOnWorkingDay(step, due) : due;
}

/** A due date no earlier than the moment the step fires. */
const notBeforeFire = (due: CalendarDate | null, fire: CalendarDate | null) =>
  due !== null && fire !== null && due < fire ? fire : due;

const skipped = (common: Common, reason: string): PlannedStep => ({
  ...common,
  state: 'skipped',
  plannedDate: null,
  fireAt: null,
  dueDate: null,
  late: false,
  reason,
});

/** A step that fired: done, or withdrawn; and whether its requests must be withdrawn now. */
function firedStep(step: StepDefinition, common: Common, ctx: Context): PlannedStep {
  const { facts, playbook, edgeRules } = ctx;
  const done = ctx.progress[common.instanceId];
  // Sent is sent (rule 2): once the person is released only needs and consent can take a request back.
  const needsOnly = edgeRules && facts.actualReleaseDate !== null;
  const premise =
    step.kind === 'request' && !done.withdrawnAt && !done.settled
      ? premiseCheck(step, playbook, facts, { edgeRules, needsOnly })
      : undefined;
  return {
    ...common,
    state: done.withdrawnAt ? 'withdrawn' : 'done',
    plannedDate: done.plannedDate,
    fireAt: null,
    dueDate: dueDateOf(step, facts, amsterdamDate(done.firedAt), edgeRules),
    late: done.late,
    firedAt: done.firedAt,
    reason: done.withdrawReason ?? premise?.reason,
    withdraw: premise !== undefined,
    ...(premise && edgeRules ? { withdrawal: premise.kind } : {}),
  };
}

/** Rule 3: a step withdrawn for a date or a consent fires again once its premise holds again. */
function firesAgain(step: StepDefinition, ctx: Context, fallback: boolean): boolean {
  const { facts, playbook, edgeRules } = ctx;
  if (!edgeRules || facts.ending) return false;
  return premiseCheck(step, playbook, facts, { edgeRules, atRelease: fallback }) === undefined;
}

/** A step at release: released before its moment, it fires at X (late), for the municipality once out (rule 1). */
function atRelease(step: StepDefinition, common: Common, ctx: Context): PlannedStep {
  const { facts, playbook, now } = ctx;
  const date = onOrAfterWorkingDay(facts.actualReleaseDate!);
  const waiting = step.sharesCondition && facts.consent[step.sharesCondition] === undefined;
  const fireAt = waiting ? null : amsterdamInstant(date, playbook.fireAtLocalTime);
  const fires = fireAt !== null && fireAt <= now;
  return {
    ...common,
    state: fires ? 'late' : 'planned',
    plannedDate: date,
    fireAt,
    dueDate: notBeforeFire(dueDateOf(step, facts, fires ? ctx.today : date, ctx.edgeRules), date) ?? date,
    late: true,
    reason: `released on ${facts.actualReleaseDate} before its moment`,
    atRelease: true,
    ...(waiting ? { waitingFor: 'consent' as const } : {}),
  };
}

/** A step still to come: its moment (fast path, "or S if later", never before intake, on a working day). */
function pendingStep(step: StepDefinition, instance: Instance, common: Common, ctx: Context): PlannedStep {
  const { facts, playbook, now, today, edgeRules } = ctx;
  let waitingFor: WaitingFor | undefined = instance.date === null ? WAITING_ANCHOR[step.at.anchor] : undefined;
  let date = instance.date;
  let fastPath = false;
  if (date !== null) {
    fastPath = onFastPath(step, playbook, facts, date);
    let earliest = facts.intakeDate;
    if (!fastPath && step.notBefore) {
      const notBefore = anchorDate(facts, step.notBefore);
      if (notBefore === null) waitingFor = WAITING_ANCHOR[step.notBefore];
      else {
        date = maxDate(date, notBefore);
        earliest = maxDate(earliest, notBefore);
      }
    }
    // Nothing fires before intake.
    date = maxDate(date, facts.intakeDate);
    if (edgeRules) {
      // Never before the event it counts from: intake, the screening, "or S if later".
      const from = step.at.anchor === 'expectedRelease' ? null : anchorDate(facts, step.at.anchor);
      date = onWorkingDay(step, date, from === null ? earliest : maxDate(earliest, from));
    }
  }
  if (!waitingFor && step.sharesCondition && facts.consent[step.sharesCondition] === undefined) {
    waitingFor = 'consent';
  }
  const fireAt = date !== null && !waitingFor ? amsterdamInstant(date, playbook.fireAtLocalTime) : null;
  const fires = fireAt !== null && fireAt <= now;
  const late = fires && today > date!;
  const due = dueDateOf(step, facts, date === null ? null : late ? today : date, edgeRules);
  return {
    ...common,
    state: fires ? (late ? 'late' : 'due') : 'planned',
    plannedDate: date,
    fireAt,
    // Nothing is due before it exists (a release-day task moved to Monday is due on Monday).
    dueDate: edgeRules ? notBeforeFire(due, date) : due,
    late,
    ...(waitingFor ? { waitingFor } : {}),
  };
}

function planInstance(step: StepDefinition, instance: Instance, ctx: Context): PlannedStep {
  const { facts, playbook, edgeRules } = ctx;
  const common: Common = {
    instanceId: instance.instanceId,
    stepId: step.id,
    occurrence: instance.occurrence,
    kind: step.kind,
    title: instance.occurrence > 1 ? `${step.title} (${instance.occurrence})` : step.title,
    rule: instance.rule,
  };
  const released = facts.actualReleaseDate !== null;
  const fallback = edgeRules && released && isReleaseRelative(step) && step.kind !== 'reminder';
  const done = ctx.progress[instance.instanceId];
  if (done && !(done.withdrawnAt && firesAgain(step, ctx, fallback))) return firedStep(step, common, ctx);
  if (facts.ending) return skipped(common, `case closed: ${facts.ending.reason}`);
  if (instance.afterExpectedRelease) return skipped(common, 'would fall after the expected release');
  // Meetings are held in prison: none is planned once the person is out (rule 6).
  if (edgeRules && released && step.kind === 'reminder') {
    return skipped(common, `released on ${facts.actualReleaseDate}: no meeting in prison`);
  }
  const premise = premiseCheck(step, playbook, facts, { edgeRules, atRelease: fallback });
  if (premise) return skipped(common, premise.reason);
  if (fallback) return atRelease(step, common, ctx);
  if (isReleaseRelative(step) && released) {
    return skipped(common, `released on ${facts.actualReleaseDate} before this step was due`);
  }
  return pendingStep(step, instance, common, ctx);
}

/**
 * The plan: every step of the playbook for this detention with its moment and state. Pure and deterministic:
 * the workflow calls it after every change and sleeps until `nextFireAt`; the API calls it for previews.
 */
export function plan({ playbook, facts, progress, now, edgeRules = true }: PlanInput): Plan {
  const today = amsterdamDate(now);
  const ctx: Context = { playbook, facts, progress, now, today, edgeRules };
  const steps = playbook.steps.flatMap((step) =>
    instancesOf(step, facts, progress, today, edgeRules).map((instance) => planInstance(step, instance, ctx)),
  );
  const order = new Map(playbook.steps.map((s, i) => [s.id, i]));
  steps.sort(
    (a, b) =>
      (a.plannedDate ?? '9999').localeCompare(b.plannedDate ?? '9999') ||
      order.get(a.stepId)! - order.get(b.stepId)! ||
      a.occurrence - b.occurrence,
  );
  const future = steps.filter((s) => s.state === 'planned' && s.fireAt !== null).map((s) => s.fireAt!);
  return {
    steps,
    toFire: steps.filter((s) => s.state === 'due' || s.state === 'late'),
    toWithdraw: steps.filter((s) => s.withdraw),
    nextFireAt: future.length ? Math.min(...future) : null,
  };
}
