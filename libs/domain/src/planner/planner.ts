import { amsterdamDate, amsterdamInstant, daysBetween, maxDate, type CalendarDate } from '../calendar';
import type { DetentionFacts } from '../detention/detention-facts';
import { applyOffset, formatOffset, scaleOffset } from '../playbook/offsets';
import type { Anchor, Playbook, StepCondition, StepDefinition, StepKind } from '../playbook/playbook';

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
}

export interface PlanInput {
  playbook: Playbook;
  facts: DetentionFacts;
  progress: Progress;
  /** The workflow clock (ms). */
  now: number;
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

export function anchorDate(facts: DetentionFacts, anchor: Anchor): CalendarDate | null {
  switch (anchor) {
    case 'intake':
      return facts.intakeDate;
    case 'screening':
      return facts.screeningCompletedDate;
    case 'expectedRelease':
      return facts.expectedReleaseDate;
    case 'actualRelease':
      return facts.actualReleaseDate;
  }
}

/** Length of stay in days: to the actual release once known, else to the expected release; null if unknown. */
export function stayDays(facts: DetentionFacts): number | null {
  const end = facts.actualReleaseDate ?? facts.expectedReleaseDate;
  return end === null ? null : daysBetween(facts.intakeDate, end);
}

/** Why a condition does not hold, or undefined when it holds. An unknown stay counts as long. */
function conditionFails(condition: StepCondition, facts: DetentionFacts): string | undefined {
  switch (condition.kind) {
    case 'stayLongerThan': {
      const stay = stayDays(facts);
      return stay !== null && stay <= condition.days ? `stay of ${stay} days (≤ ${condition.days})` : undefined;
    }
    case 'need':
      return condition.anyOf.some((need) => facts.needs[need])
        ? undefined
        : `no ${condition.anyOf.join(' or ')} need reported`;
    case 'idDocumentNeeded': {
      if (facts.needs.id) return undefined;
      const expiry = facts.idDocumentExpiry;
      if (expiry === null) return 'valid ID document';
      const horizon = applyOffset(facts.expectedReleaseDate ?? facts.intakeDate, condition.validFor);
      return expiry < horizon ? undefined : `ID document valid until ${expiry}`;
    }
  }
}

/** Why a step does not apply to this detention at all (independent of time), or undefined. */
export function premiseFails(step: StepDefinition, playbook: Playbook, facts: DetentionFacts): string | undefined {
  const stay = stayDays(facts);
  if (!step.shortStayEssential && stay !== null && stay <= playbook.shortStay.noPlanUpToDays) {
    return `short stay (${stay} days): no re-integration plan`;
  }
  for (const condition of step.when) {
    const failure = conditionFails(condition, facts);
    if (failure) return failure;
  }
  if (step.sharesCondition && facts.consent[step.sharesCondition] === false) {
    return `no consent to share ${step.sharesCondition} information`;
  }
  return undefined;
}

function dueDateOf(step: StepDefinition, facts: DetentionFacts, fireDate: CalendarDate | null): CalendarDate | null {
  if (!step.due) return null;
  const base = step.due.from === 'fire' ? fireDate : anchorDate(facts, step.due.from);
  return base === null ? null : applyOffset(base, step.due.offset);
}

interface Instance {
  instanceId: string;
  occurrence: number;
  rule: string;
  /** The raw moment before clamping; null when its anchor is unknown. */
  date: CalendarDate | null;
}

/** Instances of a repeating step are `<step id>#<k>`; a single step's instance id is its step id. */
const instanceIdOf = (stepId: string, occurrence: number) => `${stepId}#${occurrence}`;

/** The playbook step an instance id belongs to. */
export const stepIdOf = (instanceId: string): string => instanceId.split('#')[0];

function instancesOf(step: StepDefinition, facts: DetentionFacts, progress: Progress, today: CalendarDate): Instance[] {
  const base = anchorDate(facts, step.at.anchor);
  if (!step.repeat) {
    return [{ instanceId: step.id, occurrence: 1, rule: step.rule, date: base && applyOffset(base, step.at.offset) }];
  }
  const id = (k: number) => instanceIdOf(step.id, k);
  if (base === null) return [{ instanceId: id(1), occurrence: 1, rule: step.rule, date: null }];
  const untilBase = anchorDate(facts, step.repeat.until.anchor);
  const until = untilBase && applyOffset(untilBase, step.repeat.until.offset);
  const instances: Instance[] = [];
  for (let k = 1; k <= 200; k++) {
    const date = applyOffset(applyOffset(base, step.at.offset), scaleOffset(step.repeat.every, k - 1));
    const fired = progress[id(k)] !== undefined;
    const afterRelease = facts.actualReleaseDate !== null && date > facts.actualReleaseDate;
    const beyond = (until !== null && date > until) || afterRelease;
    if (k > 1 && !fired && beyond) break;
    instances.push({
      instanceId: id(k),
      occurrence: k,
      rule: k === 1 ? step.rule : `${step.rule}${formatOffset(scaleOffset(step.repeat.every, k - 1))}`,
      date,
    });
    // While the end is unknown, plan up to the first occurrence still to come.
    if (until === null && !fired && date > today) break;
  }
  return instances;
}

/**
 * The plan: every step of the playbook for this detention with its moment and state. Pure and deterministic:
 * the workflow calls it after every change and sleeps until `nextFireAt`; the API calls it for previews.
 */
export function plan({ playbook, facts, progress, now }: PlanInput): Plan {
  const today = amsterdamDate(now);
  const stay = stayDays(facts);
  const steps: PlannedStep[] = [];

  for (const step of playbook.steps) {
    for (const instance of instancesOf(step, facts, progress, today)) {
      const common = {
        instanceId: instance.instanceId,
        stepId: step.id,
        occurrence: instance.occurrence,
        kind: step.kind,
        title: instance.occurrence > 1 ? `${step.title} (${instance.occurrence})` : step.title,
        rule: instance.rule,
      };
      const done = progress[instance.instanceId];
      if (done) {
        const premise = step.kind === 'request' && !done.withdrawnAt ? premiseFails(step, playbook, facts) : undefined;
        steps.push({
          ...common,
          state: done.withdrawnAt ? 'withdrawn' : 'done',
          plannedDate: done.plannedDate,
          fireAt: null,
          dueDate: dueDateOf(step, facts, amsterdamDate(done.firedAt)),
          late: done.late,
          firedAt: done.firedAt,
          reason: done.withdrawReason ?? premise,
          withdraw: premise !== undefined,
        });
        continue;
      }

      const skip = (reason: string): PlannedStep => ({
        ...common,
        state: 'skipped',
        plannedDate: null,
        fireAt: null,
        dueDate: null,
        late: false,
        reason,
      });
      if (facts.ending) {
        steps.push(skip(`case closed: ${facts.ending.reason}`));
        continue;
      }
      const premise = premiseFails(step, playbook, facts);
      if (premise) {
        steps.push(skip(premise));
        continue;
      }
      const releaseRelative = step.at.anchor === 'expectedRelease' || step.notBefore === 'expectedRelease';
      if (releaseRelative && facts.actualReleaseDate !== null) {
        steps.push(skip(`released on ${facts.actualReleaseDate} before this step was due`));
        continue;
      }

      let waitingFor: WaitingFor | undefined = instance.date === null ? WAITING_ANCHOR[step.at.anchor] : undefined;
      let date = instance.date;
      if (date !== null) {
        const fastPath =
          step.at.anchor === 'expectedRelease' &&
          stay !== null &&
          stay <= playbook.shortStay.fireAtIntakeUpToDays &&
          date < facts.intakeDate;
        if (!fastPath && step.notBefore) {
          const notBefore = anchorDate(facts, step.notBefore);
          if (notBefore === null) waitingFor = WAITING_ANCHOR[step.notBefore];
          else date = maxDate(date, notBefore);
        }
        // Nothing fires before intake.
        date = maxDate(date, facts.intakeDate);
      }
      if (!waitingFor && step.sharesCondition && facts.consent[step.sharesCondition] === undefined) {
        waitingFor = 'consent';
      }

      const fireAt = date !== null && !waitingFor ? amsterdamInstant(date, playbook.fireAtLocalTime) : null;
      const fires = fireAt !== null && fireAt <= now;
      const late = fires && today > date!;
      steps.push({
        ...common,
        state: fires ? (late ? 'late' : 'due') : 'planned',
        plannedDate: date,
        fireAt,
        dueDate: dueDateOf(step, facts, date === null ? null : late ? today : date),
        late,
        ...(waitingFor ? { waitingFor } : {}),
      });
    }
  }

  steps.sort(
    (a, b) =>
      (a.plannedDate ?? '9999').localeCompare(b.plannedDate ?? '9999') ||
      playbook.steps.findIndex((s) => s.id === a.stepId) - playbook.steps.findIndex((s) => s.id === b.stepId) ||
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
