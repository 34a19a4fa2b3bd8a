import {
  detentionSearchAttributes,
  type Actor,
  type DetentionActivities,
  type DetentionState,
  type DetentionWorkflowInput,
  type FactsChangeResult,
  type HumanTask,
} from '@terugkeer/contracts';
import {
  amsterdamDate,
  diffPlans,
  plan,
  stepIdOf,
  type CalendarDate,
  type Plan,
  type PlannedStep,
  type Playbook,
  type ScreeningData,
} from '@terugkeer/domain';
import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import { ruleActor, systemActor, userActor } from './actors';
import { CaseTasks } from './case-tasks';
import type { FactChange } from './fact-changes';
import type { CheckContext } from './message-checks';
import { Outbox } from './outbox';
import { PartnerRequests } from './partner-requests';
import { Turns } from './turns';

const { projectDetention, closePreviousDetention } = proxyActivities<DetentionActivities>({
  startToCloseTimeout: '30 seconds',
  // Read models and the registry must eventually be written: retry through database outages.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One detention's case: its state and every transition of it. The workflow registers the handlers and runs
 * the loop; this class decides. After every change it re-plans (the planner is a pure function of the facts)
 * and brings the world in line with the plan: fires what is due, withdraws what lost its premise, follows up.
 */
export class DetentionCase {
  readonly outbox: Outbox;
  readonly turns = new Turns();
  readonly tasks: CaseTasks;
  readonly requests: PartnerRequests;
  private lastSearchAttributes = '';

  constructor(
    readonly state: DetentionState,
    readonly playbook: Playbook,
  ) {
    this.outbox = new Outbox(state);
    this.tasks = new CaseTasks(state, this.outbox, playbook);
    this.requests = new PartnerRequests(state, this.outbox, playbook, this.tasks, this.turns);
  }

  /** Handlers change the phase between awaits: read it through a getter, not a narrowed property. */
  get isClosed(): boolean {
    return this.state.phase === 'closed';
  }

  /** What message checks judge: the state and today's date (workflow clock, Amsterdam). */
  checks(): CheckContext {
    return { state: this.state, today: amsterdamDate(Date.now()) };
  }

  currentPlan(): Plan {
    return plan({ playbook: this.playbook, facts: this.state.facts, progress: this.state.progress, now: Date.now() });
  }

  /** A fresh registration: its timeline entry, and the person's previous detention closed (re-detention). */
  async register(): Promise<void> {
    const { state, playbook } = this;
    this.outbox.event(
      {
        type: 'registered',
        summary: `Intake registered at ${state.facts.prison} on ${state.facts.intakeDate}; playbook ${playbook.id} v${playbook.version}`,
        actor: { kind: 'user', id: state.registration.registeredBy, label: `casemanager ${state.registration.prison}` },
      },
      Date.parse(state.registration.registeredAt),
    );
    if (state.registration.previousDetentionId) {
      await closePreviousDetention({
        previousDetentionId: state.registration.previousDetentionId,
        newDetentionId: state.detentionId,
        date: state.facts.intakeDate,
      });
    }
  }

  /** Brings the world in line with the plan: fire what is due, withdraw what lost its premise, chase, flush. */
  async reconcile(): Promise<void> {
    this.requests.reconcile(!this.isClosed);
    if (!this.isClosed) {
      for (let round = 0; round < 10; round++) {
        const current = this.currentPlan();
        if (!current.toFire.length && !current.toWithdraw.length) break;
        for (const step of current.toFire) await this.fireStep(step);
        for (const step of current.toWithdraw) this.withdrawStep(step);
      }
      this.requests.reconcile(true);
      this.tasks.runFollowUps(this.currentPlan().steps);
    }
    await this.flush();
    this.requests.deliveries.startQueued();
  }

  private async fireStep(step: PlannedStep): Promise<void> {
    const definition = this.playbook.steps.find((s) => s.id === step.stepId)!;
    this.state.progress[step.instanceId] = { firedAt: Date.now(), plannedDate: step.plannedDate!, late: step.late };
    const actor = ruleActor(step.rule, step.title);
    this.outbox.event({
      type: 'step-fired',
      summary: `${step.title} (${step.rule})${step.late ? `: late, planned for ${step.plannedDate}` : ''}`,
      actor,
      stepInstanceId: step.instanceId,
      data: { plannedDate: step.plannedDate, late: step.late },
    });
    const action = definition.action;
    if (action.type === 'task') {
      this.tasks.create({
        type: action.task,
        role: action.role,
        title: step.title,
        dueDate: step.dueDate,
        stepInstanceId: step.instanceId,
        actor,
      });
    } else {
      for (const { request, to } of action.requests) await this.requests.send(request, to, step);
    }
  }

  private withdrawStep(step: PlannedStep): void {
    const { state } = this;
    state.progress[step.instanceId] = {
      ...state.progress[step.instanceId],
      withdrawnAt: Date.now(),
      withdrawReason: step.reason,
    };
    for (const request of Object.values(state.requests).filter((r) => r.stepInstanceId === step.instanceId)) {
      this.requests.withdraw(request, 'no-longer-needed', step.reason ?? 'premise changed');
    }
  }

  /** Search attributes (when they changed) and the read models (when anything is pending). */
  async flush(): Promise<void> {
    const searchFacts = { ...this.state.facts, phase: this.state.phase };
    const attributes = [
      searchFacts.prison,
      searchFacts.municipality,
      searchFacts.phase,
      searchFacts.expectedReleaseDate,
    ].join('|');
    if (attributes !== this.lastSearchAttributes) {
      this.lastSearchAttributes = attributes;
      upsertSearchAttributes(detentionSearchAttributes(searchFacts));
    }
    if (this.outbox.pending) await projectDetention(this.outbox.take(this.currentPlan().steps));
  }

  /** Applies a change of facts (inside an update's turn), and answers with what it did to the plan. */
  async changeFacts(actor: Actor, change: FactChange): Promise<FactsChangeResult> {
    const before = this.currentPlan().steps;
    change.mutate();
    const changes = diffPlans(before, this.currentPlan().steps);
    this.outbox.event({ ...change.event, actor: userActor(actor) });
    await change.afterwards?.();
    await this.reconcile();
    return { changes };
  }

  close(reason: string, date: CalendarDate): void {
    this.state.closed = { reason, date };
    this.state.phase = 'closed';
    for (const request of Object.values(this.state.requests))
      this.requests.withdraw(request, 'case-closed', `case closed (${reason})`);
    for (const task of this.tasks.all) this.tasks.cancel(task, `case closed (${reason})`);
    this.outbox.event({ type: 'case-closed', summary: `Case closed: ${reason}`, actor: systemActor('workflow') });
  }

  async claimTask({ taskId, actor }: { taskId: string; actor: Actor }): Promise<HumanTask> {
    if (this.tasks.claim(taskId, actor)) await this.flush();
    return this.state.tasks[taskId];
  }

  async unclaimTask({ taskId, actor }: { taskId: string; actor: Actor }): Promise<HumanTask> {
    if (this.tasks.unclaim(taskId, actor)) await this.flush();
    return this.state.tasks[taskId];
  }

  async completeTask(arg: { taskId: string; outcome: string; data: Record<string, unknown>; actor: Actor }) {
    const task = this.tasks.complete(arg.taskId, arg.outcome, arg.data, arg.actor);
    this.applyTaskEffects(task);
    await this.reconcile();
    return task;
  }

  /** What a completed task means for the facts and the outcome measurements. */
  private applyTaskEffects(task: HumanTask): void {
    const { state } = this;
    const step = task.stepInstanceId
      ? this.playbook.steps.find((s) => s.id === stepIdOf(task.stepInstanceId!))
      : undefined;
    const action = step?.action.type === 'task' ? step.action : undefined;
    const data = (task.data ?? {}) as Record<string, unknown>;
    const today = amsterdamDate(Date.now());
    if (task.type === 'screening') {
      const screening = data as unknown as ScreeningData;
      state.facts.screeningCompletedDate = today;
      state.facts.needs = { ...screening.needs };
      state.facts.consent = { ...state.facts.consent, ...screening.consent };
      state.facts.idDocumentExpiry = screening.idDocumentExpiry ?? null;
    }
    if (action?.measurement && data.conditions) {
      state.measurements[action.measurement] = { ...(data.conditions as Record<string, never>) };
    }
    if (action?.closesCase) this.close('aftercare completed', today);
  }

  /** The earliest moment something is due (a step, a partner SLA, an overdue task), or null. */
  nextWakeUp(): number | null {
    const wakeUps = [this.currentPlan().nextFireAt, this.requests.nextFollowUpAt(), ...this.tasks.followUpTimes()];
    const known = wakeUps.filter((t): t is number => t !== null);
    return known.length ? Math.min(...known) : null;
  }

  /** The next run's input: the state as it is, and the answers not yet applied. */
  carriedInput(input: DetentionWorkflowInput): DetentionWorkflowInput {
    return { ...input, carried: this.state, responses: this.requests.unapplied() };
  }
}
