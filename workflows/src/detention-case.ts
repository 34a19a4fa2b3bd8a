import {
  detentionSearchAttributes,
  type Actor,
  type DeadLetter,
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
  type Playbook,
  type ScreeningData,
} from '@terugkeer/domain';
import { patched, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import { systemActor, userActor } from './actors';
import { CaseTasks } from './case-tasks';
import type { FactChange } from './fact-changes';
import type { CheckContext } from './message-checks';
import { Outbox } from './outbox';
import { PartnerRequests } from './partner-requests';
import { fireStep, withdrawStep } from './step-actions';
import { Turns } from './turns';

/** Dead letters of the projection are reported by a task (runs since then; older runs ignore the answer). */
export const DEAD_LETTER_PATCH = 'projection-dead-letters';

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
    /** DOMAIN.md's rules at the edges apply to this run (see EDGE_RULES_PATCH). */
    readonly edgeRules: boolean,
  ) {
    this.outbox = new Outbox(state);
    this.tasks = new CaseTasks(state, this.outbox, playbook);
    this.requests = new PartnerRequests(state, this.outbox, playbook, this.tasks, this.turns, edgeRules);
  }

  /** Handlers change the phase between awaits: read it through a getter, not a narrowed property. */
  get isClosed(): boolean {
    return this.state.phase === 'closed';
  }

  /** What message checks judge: the state and today's date (workflow clock, Amsterdam). */
  checks(): CheckContext {
    return { state: this.state, today: amsterdamDate(Date.now()), edgeRules: this.edgeRules };
  }

  currentPlan(): Plan {
    const { playbook, state, edgeRules } = this;
    return plan({ playbook, facts: state.facts, progress: state.progress, now: Date.now(), edgeRules });
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
        for (const step of current.toFire) {
          // A step may close the case (the grace period after aftercare): nothing fires after it.
          if (this.isClosed) break;
          await fireStep(this, step);
        }
        if (this.isClosed) break;
        for (const step of current.toWithdraw) withdrawStep(this, step);
      }
      this.requests.reconcile(!this.isClosed);
      if (this.edgeRules && !this.isClosed) {
        this.requests.updates.announce();
        this.requests.updates.revocations();
      }
      this.tasks.runFollowUps(this.currentPlan().steps);
    }
    await this.flush();
    this.requests.deliveries.startQueued();
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
    if (!this.outbox.pending) return;
    const result = await projectDetention(this.outbox.take(this.currentPlan().steps));
    // What the read models refused is reported once, by a task that is projected in a batch of its own.
    if (result?.deadLetters.length && patched(DEAD_LETTER_PATCH) && this.reportDeadLetters(result.deadLetters)) {
      await this.flush();
    }
  }

  /** A task per part of the record the read models refused, once each; answers whether there was a new one. */
  private reportDeadLetters(letters: DeadLetter[]): boolean {
    const reported = (this.state.deadLetters ??= []);
    const fresh = letters.filter((l) => !reported.includes(`${l.kind}:${l.key}`));
    for (const letter of fresh) {
      reported.push(`${letter.kind}:${letter.key}`);
      this.tasks.create({
        type: 'record-incomplete',
        role: this.state.phase === 'detained' ? 'casemanager' : 'municipality',
        title: `Part of this case's record could not be saved (${letter.kind}): the overview may be incomplete — ask the application administrator`,
        dueDate: amsterdamDate(Date.now()),
        stepInstanceId: null,
        context: { deadLetter: { kind: letter.kind, key: letter.key }, reason: letter.reason },
        actor: systemActor('projection'),
      });
    }
    return fresh.length > 0;
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

  /**
   * Closes the case. Any ending withdraws what is open at the partners; the end of aftercare (rule 12) instead
   * tells partners of accepted or waitlisted services that coordination ended, and withdraws only the rest.
   */
  close(reason: string, date: CalendarDate, { endOfAftercare = false } = {}): void {
    this.state.closed = { reason, date };
    this.state.phase = 'closed';
    for (const request of Object.values(this.state.requests)) {
      const serving = request.status === 'accepted' || request.status === 'waitlisted';
      if (this.edgeRules && endOfAftercare && serving) this.requests.updates.endCoordination(request);
      else this.requests.withdraw(request, 'case-closed', `case closed (${reason})`);
    }
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

  /** What a completed task means for the facts, the outcome measurements and the meeting it belongs to. */
  private applyTaskEffects(task: HumanTask): void {
    const { state } = this;
    const stepId = task.stepInstanceId ? stepIdOf(task.stepInstanceId) : undefined;
    const step = stepId ? this.playbook.steps.find((s) => s.id === stepId) : undefined;
    const action = step?.action.type === 'task' && step.action.task === task.type ? step.action : undefined;
    const data = (task.data ?? {}) as Record<string, unknown>;
    const today = amsterdamDate(Date.now());
    if (task.type === 'screening') {
      const screening = data as unknown as ScreeningData;
      state.facts.screeningCompletedDate = today;
      state.facts.needs = { ...screening.needs };
      state.facts.consent = { ...state.facts.consent, ...screening.consent };
      state.facts.idDocumentExpiry = screening.idDocumentExpiry ?? null;
    }
    // A measurement is taken once and never changes afterwards (rule 12).
    const taken = this.edgeRules && action?.measurement && state.measurements[action.measurement];
    if (action?.measurement && data.conditions && !taken) {
      state.measurements[action.measurement] = { ...(data.conditions as Record<string, never>) };
    }
    if (this.edgeRules) {
      for (const invitation of this.tasks.invitationsTo(task)) this.tasks.cancel(invitation, `meeting ${task.outcome}`);
    }
    if (action?.closesCase) this.close('aftercare completed', today, { endOfAftercare: true });
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
