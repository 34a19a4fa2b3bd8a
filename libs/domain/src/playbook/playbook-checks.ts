import { formatOffset } from './offsets';
import type { Anchor, Offset, Playbook, RequestType, StepDefinition } from './playbook';

/**
 * What the JSON Schema cannot say about a playbook definition: offsets that can never fire, references that
 * lead nowhere, SLAs that are not positive, legal minimums loosened. Each problem names the step (index and id)
 * and the field, e.g. `steps[3] (debt-help-referral).at.offset: …`. Expects a definition the schema accepted.
 */
export function checkPlaybook(playbook: Playbook): string[] {
  const problems: string[] = [];
  const where = (index: number, field: string) => `steps[${index}] (${playbook.steps[index].id}).${field}`;
  const seen = new Map<string, number>();
  playbook.steps.forEach((step, i) => {
    const first = seen.get(step.id);
    if (first !== undefined) problems.push(`${where(i, 'id')}: the same id as steps[${first}]`);
    else seen.set(step.id, i);
    problems.push(...checkStep(step, (field) => where(i, field), playbook));
  });
  for (const [key, offset] of Object.entries(playbook.sla)) {
    if (!positive(offset)) problems.push(`sla.${key}: must be positive (${formatOffset(offset) || '0'})`);
  }
  if (playbook.shortStay.fireAtIntakeUpToDays < playbook.shortStay.noPlanUpToDays) {
    problems.push('shortStay.fireAtIntakeUpToDays: must not be below shortStay.noPlanUpToDays');
  }
  for (const [key, type] of Object.entries(playbook.requestTypes)) {
    const field = (name: string) => `requestTypes.${key}.${name}`;
    if (type.type !== key) problems.push(`${field('type')}: must be ${key}, the key it is listed under`);
    for (const name of ['dueAfterSent', 'threateningDueAfterSent', 'acknowledgeWithin'] as const) {
      const offset = type[name];
      if (offset && !positive(offset)) problems.push(`${field(name)}: must be positive`);
    }
    type.milestones?.forEach((m, j) => {
      if (!positive(m.after)) problems.push(`${field(`milestones[${j}].after`)}: must be positive`);
      if (m.threateningAfter && !positive(m.threateningAfter)) {
        problems.push(`${field(`milestones[${j}].threateningAfter`)}: must be positive`);
      }
    });
  }
  problems.push(...legalMinimums(playbook));
  return problems;
}

/** Anchors that become known only when they happen: a moment before one has always passed by then. */
const EVENT_ANCHORS: Anchor[] = ['intake', 'screening', 'actualRelease'];

const KIND_OF_ACTION: Record<StepDefinition['action']['type'], StepDefinition['kind'][]> = {
  task: ['task', 'reminder'],
  requests: ['request', 'notice'],
  close: ['close'],
};

function checkStep(step: StepDefinition, at: (field: string) => string, playbook: Playbook): string[] {
  const problems: string[] = [];
  if (!KIND_OF_ACTION[step.action.type].includes(step.kind)) {
    problems.push(`${at('kind')}: a ${step.kind} step cannot have an action of type ${step.action.type}`);
  }
  const offset = step.at.offset ?? {};
  if (EVENT_ANCHORS.includes(step.at.anchor) && approximateDays(offset) < 0) {
    problems.push(
      `${at('at.offset')}: ${formatOffset(offset)} before ${step.at.anchor} can never fire on time: ` +
        `that moment has passed when ${step.at.anchor} becomes known`,
    );
  }
  if (step.notBefore === step.at.anchor) {
    problems.push(`${at('notBefore')}: the step already counts from ${step.at.anchor}`);
  }
  if (step.due?.from === 'fire' && approximateDays(step.due.offset ?? {}) < 0) {
    problems.push(`${at('due.offset')}: a due date before the step fires can never be met`);
  }
  if (step.repeat) {
    if (!positive(step.repeat.every)) problems.push(`${at('repeat.every')}: must be positive`);
    if (step.at.anchor === 'actualRelease' && step.repeat.until.anchor !== 'actualRelease') {
      problems.push(`${at('repeat.until')}: a step after the actual release never repeats until the expected one`);
    }
  }
  step.when.forEach((condition, j) => {
    if (condition.kind === 'idDocumentNeeded' && !positive(condition.validFor)) {
      problems.push(`${at(`when[${j}].validFor`)}: must be positive`);
    }
  });
  if (step.action.type === 'requests') {
    step.action.requests.forEach((r, j) => {
      if (!playbook.requestTypes[r.request]) {
        problems.push(`${at(`action.requests[${j}].request`)}: ${r.request} is not defined in requestTypes`);
      }
    });
  }
  if (step.action.type === 'task' && step.action.participants?.includes(step.action.role)) {
    problems.push(`${at('action.participants')}: the organiser (${step.action.role}) is not invited as well`);
  }
  return problems;
}

/**
 * Minimums set by law or by the chain's agreements (DOMAIN.md), which a playbook may tighten but not loosen:
 * the screening within 10 working days of intake, the detention-start and release notices on the day, debt help
 * within 4 weeks and within 3 working days when debts are threatening (Wgs).
 */
function legalMinimums(playbook: Playbook): string[] {
  const problems: string[] = [];
  const indexOf = (predicate: (step: StepDefinition) => boolean) => playbook.steps.findIndex(predicate);
  const where = (index: number, field: string) => `steps[${index}] (${playbook.steps[index].id}).${field}`;

  const screening = indexOf((s) => s.action.type === 'task' && s.action.task === 'screening');
  if (screening < 0) problems.push('steps: a screening task (due within 10 working days of intake) is required');
  else {
    const step = playbook.steps[screening];
    if (step.at.anchor !== 'intake' || approximateDays(step.at.offset ?? {}) !== 0) {
      problems.push(`${where(screening, 'at')}: the screening starts at intake`);
    }
    if (step.when.length) problems.push(`${where(screening, 'when')}: the screening applies always`);
    const from = step.due?.from;
    if (!step.due || (from !== 'intake' && from !== 'fire')) {
      problems.push(`${where(screening, 'due')}: the screening is due within 10 working days of intake`);
    } else if (!notLongerThan(step.due.offset ?? {}, { workingDays: 10 })) {
      problems.push(
        `${where(screening, 'due.offset')}: ${formatOffset(step.due.offset)} loosens the legal minimum ` +
          '(the screening within 10 working days of intake)',
      );
    }
  }

  for (const [request, anchor] of [
    ['detention-start-notice', 'intake'],
    ['release-notice', 'actualRelease'],
  ] as [RequestType, Anchor][]) {
    const index = indexOf((s) => s.action.type === 'requests' && s.action.requests.some((r) => r.request === request));
    if (index < 0) {
      problems.push(`steps: a step sending the ${request} at ${anchor} is required`);
      continue;
    }
    const step = playbook.steps[index];
    if (step.at.anchor !== anchor || approximateDays(step.at.offset ?? {}) !== 0) {
      problems.push(`${where(index, 'at')}: the ${request} is sent at ${anchor}, on the day`);
    }
    if (step.when.length) problems.push(`${where(index, 'when')}: the ${request} is sent always`);
    if (!step.shortStayEssential) {
      problems.push(`${where(index, 'shortStayEssential')}: the ${request} is sent for short stays too`);
    }
  }

  const debt = playbook.requestTypes['debt-help-referral'];
  if (debt) {
    const limits: [keyof typeof debt, Offset, string][] = [
      ['dueAfterSent', { weeks: 4 }, '4 weeks'],
      ['threateningDueAfterSent', { workingDays: 3 }, '3 working days when debts are threatening'],
    ];
    for (const [name, limit, label] of limits) {
      const offset = debt[name] as Offset | undefined;
      if (!offset || !notLongerThan(offset, limit)) {
        problems.push(`requestTypes.debt-help-referral.${name}: debt help answers within ${label} (Wgs)`);
      }
    }
  }
  return problems;
}

/** A rough length in days, only for telling before from after (months ≈ 30 days, a working day ≈ 1.4). */
function approximateDays(offset: Offset): number {
  return (offset.months ?? 0) * 30 + (offset.weeks ?? 0) * 7 + (offset.days ?? 0) + (offset.workingDays ?? 0) * 1.4;
}

function positive(offset: Offset): boolean {
  return approximateDays(offset) > 0 && Object.values(offset).every((part) => part >= 0);
}

/** Fewest and most calendar days an offset can span (working days: weekends and up to a few holidays). */
function bounds(offset: Offset): [number, number] {
  const wd = offset.workingDays ?? 0;
  const fixed = (offset.weeks ?? 0) * 7 + (offset.days ?? 0);
  const months = offset.months ?? 0;
  return [
    fixed + months * 28 + Math.floor(wd / 5) * 7 + (wd % 5),
    fixed + months * 31 + (wd ? Math.ceil(wd / 5) * 7 + 5 : 0),
  ];
}

/** Is `offset` never longer than `limit`, whatever date it starts from? (Same units: compared exactly.) */
function notLongerThan(offset: Offset, limit: Offset): boolean {
  if (Object.values(offset).some((part) => part < 0)) return true;
  const units = (o: Offset) => Object.keys(o).filter((k) => o[k as keyof Offset]);
  const [unit] = units(limit);
  if (units(offset).every((u) => u === unit))
    return (offset[unit as keyof Offset] ?? 0) <= limit[unit as keyof Offset]!;
  return bounds(offset)[1] <= bounds(limit)[0];
}
