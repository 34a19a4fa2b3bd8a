import type { CalendarDate } from '../calendar';
import type { PlannedStep } from './planner';

export interface StepChange {
  instanceId: string;
  title: string;
  rule: string;
  from: CalendarDate | null;
  to: CalendarDate | null;
  reason?: string;
}

/** What a change of facts did to the plan: the answer to "what happens now that the date moved?". */
export interface PlanChanges {
  /** Steps still to come whose date changed (or that now wait for / no longer wait for a date). */
  moved: StepChange[];
  /** Steps that fire at once, after their on-time date (catch-up). */
  late: StepChange[];
  /** Fired requests whose premise is gone: withdrawn at the partner. */
  withdrawn: StepChange[];
  /** Steps that no longer apply. */
  skipped: StepChange[];
  /** Steps that now apply and did not before (e.g. a longer stay, another meeting). */
  added: StepChange[];
}

export function diffPlans(before: readonly PlannedStep[], after: readonly PlannedStep[]): PlanChanges {
  const previous = new Map(before.map((s) => [s.instanceId, s]));
  const changes: PlanChanges = { moved: [], late: [], withdrawn: [], skipped: [], added: [] };
  for (const step of after) {
    const old = previous.get(step.instanceId);
    const change: StepChange = {
      instanceId: step.instanceId,
      title: step.title,
      rule: step.rule,
      from: old?.plannedDate ?? null,
      to: step.plannedDate,
      ...(step.reason ? { reason: step.reason } : {}),
    };
    if (step.withdraw && !old?.withdraw) changes.withdrawn.push(change);
    else if (step.state === 'skipped' && old && old.state !== 'skipped') changes.skipped.push(change);
    else if (step.state === 'late' && old?.state !== 'late') changes.late.push(change);
    else if (!old || (old.state === 'skipped' && step.state !== 'skipped')) {
      if (step.state !== 'skipped') changes.added.push(change);
    } else if (
      (step.state === 'planned' || step.state === 'due') &&
      (old.plannedDate !== step.plannedDate || old.waitingFor !== step.waitingFor)
    ) {
      changes.moved.push(change);
    }
  }
  for (const old of before) {
    // A later occurrence of a recurring step that no longer falls before its end.
    if (!after.some((s) => s.instanceId === old.instanceId) && old.state !== 'skipped') {
      changes.skipped.push({
        instanceId: old.instanceId,
        title: old.title,
        rule: old.rule,
        from: old.plannedDate,
        to: null,
        reason: 'no longer falls before the end of the recurrence',
      });
    }
  }
  return changes;
}
