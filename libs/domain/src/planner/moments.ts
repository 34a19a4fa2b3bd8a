import { maxDate, onOrAfterWorkingDay, onOrBeforeWorkingDay, type CalendarDate } from '../calendar';
import type { DetentionFacts } from '../detention/detention-facts';
import { applyOffset, formatOffset, scaleOffset } from '../playbook/offsets';
import type { Anchor, Playbook, StepDefinition } from '../playbook/playbook';
import { stayDays } from './premises';

export interface StepProgressLike {
  firedAt: number;
  withdrawnAt?: number;
}

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

export interface Instance {
  instanceId: string;
  occurrence: number;
  rule: string;
  /** The raw moment before clamping; null when its anchor is unknown. */
  date: CalendarDate | null;
  /** It would fall after the expected release: not planned (rule 6). */
  afterExpectedRelease?: boolean;
}

/** Instances of a repeating step are `<step id>#<k>`; a single step's instance id is its step id. */
const instanceIdOf = (stepId: string, occurrence: number) => `${stepId}#${occurrence}`;

/** The playbook step an instance id belongs to. */
export const stepIdOf = (instanceId: string): string => instanceId.split('#')[0];

/**
 * The instances of a step. A repeating one recurs while it falls on or before its end (and before an actual
 * release); with the rules at the edges an occurrence after the expected release is never planned (rule 6).
 */
export function instancesOf(
  step: StepDefinition,
  facts: DetentionFacts,
  progress: Readonly<Record<string, StepProgressLike>>,
  today: CalendarDate,
  edgeRules: boolean,
): Instance[] {
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
    const afterExpected = edgeRules && facts.expectedReleaseDate !== null && date > facts.expectedReleaseDate;
    const beyond = (until !== null && date > until) || afterRelease;
    if (k > 1 && !fired && (beyond || afterExpected)) break;
    if (k === 1 && !fired && afterExpected) {
      instances.push({ instanceId: id(1), occurrence: 1, rule: step.rule, date, afterExpectedRelease: true });
      break;
    }
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

export const isReleaseRelative = (step: StepDefinition): boolean =>
  step.at.anchor === 'expectedRelease' || step.notBefore === 'expectedRelease';

/** The ≤ 4-week fast path: a release-relative moment before intake fires at intake, without waiting for S. */
export function onFastPath(
  step: StepDefinition,
  playbook: Playbook,
  facts: DetentionFacts,
  date: CalendarDate,
): boolean {
  const stay = stayDays(facts);
  return (
    step.at.anchor === 'expectedRelease' &&
    stay !== null &&
    stay <= playbook.shortStay.fireAtIntakeUpToDays &&
    date < facts.intakeDate
  );
}

/**
 * Rule 10: a moment on a weekend or public holiday moves to the working day before it when it must happen before
 * release (during detention), else to the working day after it — but never before the event it counts from.
 */
export function onWorkingDay(step: StepDefinition, date: CalendarDate, notBefore: CalendarDate): CalendarDate {
  if (step.at.anchor === 'actualRelease') return onOrAfterWorkingDay(date);
  const before = onOrBeforeWorkingDay(date);
  return before >= notBefore ? before : onOrAfterWorkingDay(maxDate(date, notBefore));
}

/**
 * A due date on a weekend or holiday moves too (rule 10): to the working day before when it counts back from the
 * expected release, else to the working day after.
 */
export function dueOnWorkingDay(step: StepDefinition, due: CalendarDate | null): CalendarDate | null {
  if (due === null) return null;
  return step.due?.from === 'expectedRelease' ? onOrBeforeWorkingDay(due) : onOrAfterWorkingDay(due);
}
