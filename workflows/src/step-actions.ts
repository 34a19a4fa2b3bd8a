import { amsterdamDate, type PlannedStep, type StepDefinition, type WithdrawalReason } from '@terugkeer/domain';
import { ruleActor } from './actors';
import type { DetentionCase } from './detention-case';

function firedSummary(step: PlannedStep): string {
  const when = step.atRelease
    ? `: at release, before its moment${step.plannedDate ? ` (${step.plannedDate})` : ''}`
    : step.late
      ? `: late, planned for ${step.plannedDate}`
      : '';
  return `${step.title} (${step.rule})${when}`;
}

/** A step whose moment came: record it, then create its task (and invitations), send its requests, or close. */
export async function fireStep(c: DetentionCase, step: PlannedStep): Promise<void> {
  const definition: StepDefinition = c.playbook.steps.find((s) => s.id === step.stepId)!;
  const previous = c.state.progress[step.instanceId];
  c.state.progress[step.instanceId] = {
    firedAt: Date.now(),
    plannedDate: step.plannedDate!,
    late: step.late,
    // A step withdrawn for a date or a consent that fires again (rule 3) counts its attempts.
    ...(previous?.withdrawnAt ? { attempt: (previous.attempt ?? 1) + 1 } : {}),
  };
  const actor = ruleActor(step.rule, step.title);
  c.outbox.event({
    type: 'step-fired',
    summary: firedSummary(step),
    actor,
    stepInstanceId: step.instanceId,
    data: { plannedDate: step.plannedDate, late: step.late, ...(step.atRelease ? { atRelease: true } : {}) },
  });
  const action = definition.action;
  if (action.type === 'close') return c.close(action.reason, amsterdamDate(Date.now()), { endOfAftercare: true });
  if (action.type === 'requests') {
    for (const { request, to } of action.requests) await c.requests.send(request, to, step);
    return;
  }
  const task = c.tasks.create({
    type: action.task,
    // Released before its moment: the person is out, the municipality coordinator does it (rule 1).
    role: step.atRelease ? 'municipality' : action.role,
    title: step.title,
    dueDate: step.dueDate,
    stepInstanceId: step.instanceId,
    ...(step.atRelease ? { context: { handedOver: true } } : {}),
    actor,
  });
  if (c.edgeRules && action.participants?.length) c.tasks.invite(task, action.participants, actor);
}

/** A fired request step whose premise is gone: its open requests are withdrawn at the partners. */
export function withdrawStep(c: DetentionCase, step: PlannedStep): void {
  const { state } = c;
  state.progress[step.instanceId] = {
    ...state.progress[step.instanceId],
    withdrawnAt: Date.now(),
    withdrawReason: step.reason,
  };
  // Partners hear a neutral code; a revoked consent means "stop processing" (rule 5).
  const told: WithdrawalReason =
    c.edgeRules && step.withdrawal === 'consent' ? 'consent-withdrawn' : 'no-longer-needed';
  for (const request of Object.values(state.requests).filter((r) => r.stepInstanceId === step.instanceId)) {
    c.requests.withdraw(request, told, step.reason ?? 'premise changed');
  }
  // No partner took it: the task to arrange it another way goes with it (a new one comes if it fires again).
  if (!c.edgeRules) return;
  for (const task of c.tasks.all) {
    if (task.stepInstanceId === step.instanceId && task.context?.reason === 'no-partner') {
      c.tasks.cancel(task, step.reason ?? 'no longer needed');
    }
  }
}
