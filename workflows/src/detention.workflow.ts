import {
  changeExpectedReleaseUpdate,
  changeMunicipalityUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  DETENTION_ERRORS,
  detentionSearchAttributes,
  endDetentionUpdate,
  partnerResponseSignal,
  recordReleaseUpdate,
  setConsentUpdate,
  stateQuery,
  transferUpdate,
  unclaimTaskUpdate,
  type Actor,
  type DetentionActivities,
  type DetentionErrorType,
  type DetentionRegistration,
  type DetentionState,
  type FactsChangeResult,
  type HumanTask,
  type PartnerResponse,
} from '@terugkeer/contracts';
import {
  amsterdamDate,
  BASIC_CONDITIONS,
  diffPlans,
  ENDING_REASONS,
  findPlaybook,
  isCalendarDate,
  isMunicipalityCode,
  isOpenRequest,
  isOpenTask,
  isPrisonCode,
  nextTaskFollowUp,
  plan,
  stepIdOf,
  TASK_OUTCOMES,
  type BasicCondition,
  type CalendarDate,
  type Plan,
  type PlannedStep,
  type Playbook,
  type ScreeningData,
  type StepDefinition,
  type TaskRole,
} from '@terugkeer/domain';
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { initialState, Outbox, ruleActor, systemActor, userActor, type TaskSpec } from './detention-state';
import { PartnerRequests } from './partner-requests';

export interface DetentionWorkflowInput {
  registration: DetentionRegistration;
  playbook: { id: string; version: number };
  /** State carried over by continue-as-new. */
  carried?: DetentionState;
  /** Partner answers that arrived while the previous run handed over (continue-as-new), still to be applied. */
  responses?: PartnerResponse[];
  /** Continue-as-new once the history holds this many events (the server's suggestion counts too). */
  continueAsNewAfterEvents?: number;
}

export interface DetentionOutcome {
  detentionId: string;
  closed: { reason: string; date: CalendarDate };
}

const { projectDetention, closePreviousDetention } = proxyActivities<DetentionActivities>({
  startToCloseTimeout: '30 seconds',
  // Read models and the registry must eventually be written: retry through database outages.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const DEFAULT_CONTINUE_AS_NEW_AFTER = 8_000;

function reject(type: DetentionErrorType, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * One detention: carries out the playbook from intake until six months after release (or another ending),
 * re-planning after every change of facts. Everything a person or partner does arrives as an update or a signal;
 * everything the workflow decides leaves through an activity.
 */
export async function detentionWorkflow(input: DetentionWorkflowInput): Promise<DetentionOutcome> {
  const playbook: Playbook =
    findPlaybook(input.playbook.id, input.playbook.version) ??
    reject(DETENTION_ERRORS.invalid, `unknown playbook ${input.playbook.id} v${input.playbook.version}`);
  const fresh = input.carried === undefined;
  const state: DetentionState = input.carried ?? initialState(input.registration, playbook, caseReferenceFrom(uuid4()));
  const outbox = new Outbox(state);
  /** Bumped by every message: the main loop re-plans (and re-arms its timer) when it changes. */
  let generation = 0;

  // ---------------------------------------------------------------------------------------------------------
  // Serialised changes: handlers and the main loop take turns, so no change interleaves with another.
  let turn: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = turn.then(fn);
    turn = result.catch(() => undefined);
    return result;
  }
  /** A message's turn: afterwards the main loop re-plans, since timers may have moved. */
  function messageTurn<T>(fn: () => Promise<T>): Promise<T> {
    return exclusive(fn).finally(() => generation++);
  }

  const today = () => amsterdamDate(Date.now());
  const currentPlan = (): Plan => plan({ playbook, facts: state.facts, progress: state.progress, now: Date.now() });
  const stepDefinition = (stepId: string): StepDefinition => playbook.steps.find((s) => s.id === stepId)!;

  function orgFor(role: TaskRole): string {
    return role === 'casemanager'
      ? state.facts.prison
      : role === 'municipality'
        ? state.facts.municipality
        : state.facts.probation;
  }

  function createTask(spec: TaskSpec): HumanTask {
    const task: HumanTask = {
      id: uuid4(),
      detentionId: state.detentionId,
      stepInstanceId: spec.stepInstanceId,
      type: spec.type,
      role: spec.role,
      org: orgFor(spec.role),
      title: spec.title,
      dueDate: spec.dueDate,
      status: 'open',
      claimedBy: null,
      outcome: null,
      data: null,
      context: spec.context ?? null,
      version: 1,
      createdAt: new Date(Date.now()).toISOString(),
      completedAt: null,
      completedBy: null,
      remindedAt: null,
      escalatedAt: null,
    };
    state.tasks[task.id] = task;
    outbox.task(task);
    outbox.event(
      {
        type: 'task-created',
        summary: `Task: ${task.title} (${task.role} ${task.org})`,
        actor: spec.actor,
        taskId: task.id,
        stepInstanceId: spec.stepInstanceId ?? undefined,
      },
      Date.now(),
    );
    return task;
  }

  const requests = new PartnerRequests({
    state,
    outbox,
    playbook,
    today,
    createTask,
    cancelTask,
    wake: () => generation++,
  });

  /** Open tasks of a role follow a change of prison or municipality (unclaimed: new people pick them up). */
  function moveOpenTasks(role: TaskRole, from: string, to: string) {
    for (const task of Object.values(state.tasks)) {
      if (task.role !== role || task.org !== from || !isOpenTask(task.status)) continue;
      task.org = to;
      task.status = 'open';
      task.claimedBy = null;
      task.version++;
      outbox.task(task);
      outbox.event(
        {
          type: 'task-moved',
          summary: `Task moved to ${role} ${to}: ${task.title}`,
          actor: systemActor('re-planning'),
          taskId: task.id,
        },
        Date.now(),
      );
    }
  }

  function cancelTask(task: HumanTask, reason: string) {
    if (task.status === 'done' || task.status === 'cancelled') return;
    task.status = 'cancelled';
    task.context = { ...task.context, reason };
    task.version++;
    outbox.task(task);
    outbox.event(
      {
        type: 'task-cancelled',
        summary: `Task cancelled: ${task.title} (${reason})`,
        actor: systemActor('re-planning'),
        taskId: task.id,
      },
      Date.now(),
    );
  }

  async function fireStep(step: PlannedStep) {
    const definition = stepDefinition(step.stepId);
    state.progress[step.instanceId] = { firedAt: Date.now(), plannedDate: step.plannedDate!, late: step.late };
    outbox.event(
      {
        type: 'step-fired',
        summary: `${step.title} (${step.rule})${step.late ? `: late, planned for ${step.plannedDate}` : ''}`,
        actor: ruleActor(step.rule, step.title),
        stepInstanceId: step.instanceId,
        data: { plannedDate: step.plannedDate, late: step.late },
      },
      Date.now(),
    );
    const action = definition.action;
    if (action.type === 'task') {
      createTask({
        type: action.task,
        role: action.role,
        title: step.title,
        dueDate: step.dueDate,
        stepInstanceId: step.instanceId,
        actor: ruleActor(step.rule, step.title),
      });
    } else {
      for (const { request, to } of action.requests) await requests.send(request, to, step);
    }
  }

  /** Brings the world in line with the plan: fire what is due, withdraw what lost its premise, chase, flush. */
  async function reconcile(): Promise<void> {
    requests.reconcile(state.phase !== 'closed');
    if (state.phase !== 'closed') {
      for (let round = 0; round < 10; round++) {
        const current = currentPlan();
        if (!current.toFire.length && !current.toWithdraw.length) break;
        for (const step of current.toFire) await fireStep(step);
        for (const step of current.toWithdraw) {
          state.progress[step.instanceId] = {
            ...state.progress[step.instanceId],
            withdrawnAt: Date.now(),
            withdrawReason: step.reason,
          };
          for (const request of Object.values(state.requests).filter((r) => r.stepInstanceId === step.instanceId)) {
            requests.withdraw(request, 'no-longer-needed', step.reason ?? 'premise changed');
          }
        }
      }
      requests.reconcile(true);
      followUpTasks();
    }
    await flush();
    requests.startQueued();
  }

  /** Open tasks keep the due date their step has now (e.g. an exit meeting due R−2w when R moves). */
  function syncTaskDueDates(steps: PlannedStep[]) {
    for (const task of Object.values(state.tasks)) {
      if (!isOpenTask(task.status) || !task.stepInstanceId) continue;
      const step = steps.find((s) => s.instanceId === task.stepInstanceId);
      // Only the task a step created follows it (not, say, a follow-up of the step's request).
      const action = step && stepDefinition(step.stepId).action;
      if (!step || action?.type !== 'task' || action.task !== task.type) continue;
      const due = step.dueDate;
      if (due === task.dueDate) continue;
      if (due !== null && task.dueDate !== null && due > task.dueDate && task.escalatedAt === null)
        task.remindedAt = null;
      task.dueDate = due;
      task.version++;
      outbox.task(task);
      outbox.event(
        {
          type: 'task-due-changed',
          summary: `${task.title}: now due ${due ?? 'when its date is known'}`,
          actor: systemActor('re-planning'),
          taskId: task.id,
        },
        Date.now(),
      );
    }
  }

  function taskFollowUps() {
    return Object.values(state.tasks).flatMap((task) => {
      const next = nextTaskFollowUp(playbook, {
        status: task.status,
        dueDate: task.dueDate,
        remindedAt: task.remindedAt ? Date.parse(task.remindedAt) : null,
        escalatedAt: task.escalatedAt ? Date.parse(task.escalatedAt) : null,
      });
      return next ? [{ task, next }] : [];
    });
  }

  /** Overdue tasks: a reminder to whoever holds the task, then a flag for the supervisor. */
  function followUpTasks() {
    syncTaskDueDates(currentPlan().steps);
    for (let guard = 0; guard < 5; guard++) {
      const due = taskFollowUps().filter((f) => f.next.at <= Date.now());
      if (!due.length) return;
      for (const { task, next } of due) {
        const now = new Date(Date.now()).toISOString();
        if (next.action === 'remind') {
          task.remindedAt = now;
          outbox.event(
            {
              type: 'task-overdue',
              summary: `Overdue since ${task.dueDate}: ${task.title}; reminder to ${task.claimedBy ?? `${task.role} ${task.org}`}`,
              actor: ruleActor('SLA', 'overdue task'),
              taskId: task.id,
              data: { dueDate: task.dueDate, to: task.claimedBy ?? `${task.role} ${task.org}` },
            },
            Date.now(),
          );
        } else {
          task.escalatedAt = now;
          outbox.event(
            {
              type: 'task-escalated',
              summary: `Still open after the reminder: ${task.title}; flagged for the supervisor`,
              actor: ruleActor('SLA', 'task escalation'),
              taskId: task.id,
              data: { dueDate: task.dueDate },
            },
            Date.now(),
          );
        }
        task.version++;
        outbox.task(task);
      }
    }
  }

  let lastSearchAttributes = '';
  async function flush(): Promise<void> {
    const searchFacts = { ...state.facts, phase: state.phase };
    const attributes = [
      searchFacts.prison,
      searchFacts.municipality,
      searchFacts.phase,
      searchFacts.expectedReleaseDate,
    ].join('|');
    if (attributes !== lastSearchAttributes) {
      lastSearchAttributes = attributes;
      upsertSearchAttributes(detentionSearchAttributes(searchFacts));
    }
    if (outbox.pending) await projectDetention(outbox.take(currentPlan().steps));
  }

  /** Applies a change of facts (inside an update's turn), and answers with what it did to the plan. */
  async function changeFacts(
    actor: Actor,
    mutate: () => void,
    event: { type: string; summary: string; data?: Record<string, unknown> },
    afterwards?: () => Promise<void>,
  ): Promise<FactsChangeResult> {
    const before = currentPlan().steps;
    mutate();
    const changes = diffPlans(before, currentPlan().steps);
    outbox.event({ ...event, actor: userActor(actor) }, Date.now());
    await afterwards?.();
    await reconcile();
    return { changes };
  }

  function close(reason: string, date: CalendarDate) {
    state.closed = { reason, date };
    state.phase = 'closed';
    for (const request of Object.values(state.requests))
      requests.withdraw(request, 'case-closed', `case closed (${reason})`);
    for (const task of Object.values(state.tasks)) cancelTask(task, `case closed (${reason})`);
    outbox.event(
      { type: 'case-closed', summary: `Case closed: ${reason}`, actor: systemActor('workflow') },
      Date.now(),
    );
  }

  // ---------------------------------------------------------------------------------------------------------
  // Checks: reject before anything is written to history. Their messages never hold personal data.
  function requireOpen() {
    if (state.phase === 'closed') reject(DETENTION_ERRORS.conflict, 'the case is closed');
  }
  function requireDetained() {
    if (state.phase !== 'detained')
      reject(DETENTION_ERRORS.conflict, `not possible after release (phase ${state.phase})`);
  }
  function requireCasemanager(actor: Actor) {
    if (actor.role !== 'casemanager' || actor.org !== state.facts.prison) {
      reject(DETENTION_ERRORS.forbidden, `only casemanagers of ${state.facts.prison} may do this`);
    }
  }
  function requireDate(field: string, value: unknown, { notFuture = false } = {}): CalendarDate {
    if (!isCalendarDate(value)) reject(DETENTION_ERRORS.invalid, `${field} must be a date (YYYY-MM-DD)`);
    if (value < state.facts.intakeDate) reject(DETENTION_ERRORS.invalid, `${field} must not be before the intake date`);
    if (notFuture && value > today()) reject(DETENTION_ERRORS.invalid, `${field} must not be in the future`);
    return value;
  }
  function taskFor(taskId: string, actor: Actor): HumanTask {
    const task = state.tasks[taskId] ?? reject(DETENTION_ERRORS.notFound, `task ${taskId} not found`);
    if (task.role !== actor.role || task.org !== actor.org) {
      reject(DETENTION_ERRORS.forbidden, `this task is for ${task.role} ${task.org}`);
    }
    if (task.status === 'done' || task.status === 'cancelled')
      reject(DETENTION_ERRORS.conflict, `the task is already ${task.status}`);
    if (task.status === 'claimed' && task.claimedBy !== actor.sub) {
      reject(DETENTION_ERRORS.conflict, 'the task is claimed by someone else');
    }
    return task;
  }

  /**
   * An update takes its turn after every change queued before it. Its checks run twice: as the validator, so a
   * rejected update leaves no trace in history, and again when its turn comes, since what they judged may have
   * changed while it waited (a release cancelling the task being completed, a second ending).
   */
  function onUpdate<Ret, Args extends [unknown]>(
    definition: UpdateDefinition<Ret, Args>,
    check: (...args: Args) => void,
    handle: (...args: Args) => Promise<Ret>,
  ) {
    setHandler(
      definition,
      (...args: Args) =>
        messageTurn(async () => {
          check(...args);
          return handle(...args);
        }),
      { validator: check },
    );
  }

  setHandler(stateQuery, () => state);

  setHandler(partnerResponseSignal, (response) => requests.receive(response));

  onUpdate(
    changeExpectedReleaseUpdate,
    ({ expectedReleaseDate, actor }) => {
      requireOpen();
      requireDetained();
      requireCasemanager(actor);
      if (expectedReleaseDate !== null) requireDate('expectedReleaseDate', expectedReleaseDate);
    },
    ({ expectedReleaseDate, reason, actor }) =>
      changeFacts(
        actor,
        () => (state.facts.expectedReleaseDate = expectedReleaseDate),
        {
          type: 'expected-release-changed',
          summary: `Expected release ${expectedReleaseDate ?? 'unknown'} (was ${state.facts.expectedReleaseDate ?? 'unknown'}): ${reason}`,
          data: { from: state.facts.expectedReleaseDate, to: expectedReleaseDate },
        },
        // Open requests whose due date follows the release date get the new date (an update to the partner).
        async () => requests.refreshDueDates(),
      ),
  );

  onUpdate(
    recordReleaseUpdate,
    ({ releaseDate, actor }) => {
      requireOpen();
      requireDetained();
      requireCasemanager(actor);
      requireDate('releaseDate', releaseDate, { notFuture: true });
    },
    ({ releaseDate, releaseAddressKnown, actor }) =>
      changeFacts(
        actor,
        () => {
          state.facts.actualReleaseDate = releaseDate;
          state.phase = 'aftercare';
          // The prison's part is over: what it still had open no longer applies.
          for (const task of Object.values(state.tasks)) {
            if (task.role === 'casemanager') cancelTask(task, `released on ${releaseDate}`);
          }
        },
        {
          type: 'released',
          summary: `Released on ${releaseDate}${releaseAddressKnown ? '' : ' without a known address'}`,
          data: { releaseDate, releaseAddressKnown },
        },
      ),
  );

  onUpdate(
    transferUpdate,
    ({ prison, date, actor }) => {
      requireOpen();
      requireDetained();
      requireCasemanager(actor);
      if (!isPrisonCode(prison)) reject(DETENTION_ERRORS.invalid, 'prison must be a known prison code');
      if (prison === state.facts.prison) reject(DETENTION_ERRORS.conflict, `the detention is already at ${prison}`);
      requireDate('date', date, { notFuture: true });
    },
    ({ prison, date, actor }) => {
      const from = state.facts.prison;
      return changeFacts(
        actor,
        () => {
          state.facts.prison = prison;
          moveOpenTasks('casemanager', from, prison);
        },
        {
          type: 'transferred',
          summary: `Transferred from ${from} to ${prison} on ${date}`,
          data: { from, to: prison, date },
        },
      );
    },
  );

  onUpdate(
    changeMunicipalityUpdate,
    ({ municipality, actor }) => {
      requireOpen();
      const allowed =
        (actor.role === 'casemanager' && actor.org === state.facts.prison) ||
        (actor.role === 'municipality' && actor.org === state.facts.municipality);
      if (!allowed)
        reject(DETENTION_ERRORS.forbidden, 'only the casemanager or the responsible municipality may do this');
      if (!isMunicipalityCode(municipality)) reject(DETENTION_ERRORS.invalid, 'municipality must be a known CBS code');
      if (municipality === state.facts.municipality)
        reject(DETENTION_ERRORS.conflict, `${municipality} is already responsible`);
    },
    ({ municipality, reason, actor }) => {
      const from = state.facts.municipality;
      return changeFacts(
        actor,
        () => {
          state.facts.municipality = municipality;
          moveOpenTasks('municipality', from, municipality);
        },
        {
          type: 'municipality-changed',
          summary: `Responsible municipality ${municipality} (was ${from}): ${reason}`,
          data: { from, to: municipality },
        },
        async () => {
          // Pending requests follow the new municipality: withdrawn at the old partner, sent to the new one.
          const pending = Object.values(state.requests).filter(
            (r) => r.recipient === 'residenceMunicipality' && isOpenRequest(r.status),
          );
          const steps = currentPlan().steps;
          for (const request of pending) {
            requests.withdraw(request, 're-routed', `re-routed to ${municipality}`);
            const step = steps.find((s) => s.instanceId === request.stepInstanceId)!;
            await requests.send(request.type, request.recipient, step, true);
          }
        },
      );
    },
  );

  onUpdate(
    setConsentUpdate,
    ({ consent, actor }) => {
      requireOpen();
      requireCasemanager(actor);
      const keys = Object.keys(consent);
      if (!keys.length) reject(DETENTION_ERRORS.invalid, 'consent must name at least one basic condition');
      for (const key of keys) {
        if (!(BASIC_CONDITIONS as readonly string[]).includes(key))
          reject(DETENTION_ERRORS.invalid, `consent.${key} is not a basic condition`);
        if (typeof consent[key as BasicCondition] !== 'boolean')
          reject(DETENTION_ERRORS.invalid, `consent.${key} must be a boolean`);
      }
    },
    ({ consent, actor }) =>
      changeFacts(actor, () => (state.facts.consent = { ...state.facts.consent, ...consent }), {
        type: 'consent-changed',
        summary: `Consent: ${Object.entries(consent)
          .map(([condition, given]) => `${condition} ${given ? 'given' : 'refused'}`)
          .join(', ')}`,
        data: { consent },
      }),
  );

  onUpdate(
    endDetentionUpdate,
    ({ reason, date, actor }) => {
      requireOpen();
      if (actor.role !== 'system') requireCasemanager(actor);
      if (!(ENDING_REASONS as readonly string[]).includes(reason))
        reject(DETENTION_ERRORS.invalid, `reason must be one of ${ENDING_REASONS.join(', ')}`);
      requireDate('date', date, { notFuture: true });
    },
    ({ reason, date, note, actor }) =>
      changeFacts(
        actor,
        () => {
          state.facts.ending = { reason, date };
          close(reason, date);
        },
        {
          type: 'ended',
          summary: `Detention ended: ${reason} on ${date}`,
          data: { reason, date, ...(note ? { note } : {}) },
        },
      ),
  );

  onUpdate(
    claimTaskUpdate,
    ({ taskId, actor }) => void taskFor(taskId, actor),
    async ({ taskId, actor }) => {
      const task = state.tasks[taskId];
      if (task.status !== 'claimed') {
        task.status = 'claimed';
        task.claimedBy = actor.sub;
        task.version++;
        outbox.task(task);
        outbox.event(
          { type: 'task-claimed', summary: `Task claimed: ${task.title}`, actor: userActor(actor), taskId },
          Date.now(),
        );
        await flush();
      }
      return task;
    },
  );

  onUpdate(
    unclaimTaskUpdate,
    ({ taskId, actor }) => void taskFor(taskId, actor),
    async ({ taskId, actor }) => {
      const task = state.tasks[taskId];
      if (task.status === 'claimed') {
        task.status = 'open';
        task.claimedBy = null;
        task.version++;
        outbox.task(task);
        outbox.event(
          { type: 'task-unclaimed', summary: `Task released: ${task.title}`, actor: userActor(actor), taskId },
          Date.now(),
        );
        await flush();
      }
      return task;
    },
  );

  onUpdate(
    completeTaskUpdate,
    ({ taskId, outcome, data, expectedVersion, actor }) => {
      const task = taskFor(taskId, actor);
      if (expectedVersion !== undefined && expectedVersion !== task.version) {
        reject(DETENTION_ERRORS.conflict, `the task changed (version ${task.version}, not ${expectedVersion})`);
      }
      if (!TASK_OUTCOMES[task.type].includes(outcome)) {
        reject(DETENTION_ERRORS.invalid, `outcome must be one of ${TASK_OUTCOMES[task.type].join(', ')}`);
      }
      if (task.type === 'screening') {
        const screening = data as Partial<ScreeningData>;
        if (!screening.needs || !screening.consent || !screening.conditions) {
          reject(DETENTION_ERRORS.invalid, 'data.needs, data.consent and data.conditions are required for a screening');
        }
      }
    },
    async ({ taskId, outcome, data, actor }) => {
      const task = state.tasks[taskId];
      task.status = 'done';
      task.outcome = outcome;
      task.data = data;
      task.completedAt = new Date(Date.now()).toISOString();
      task.completedBy = actor.sub;
      task.claimedBy = task.claimedBy ?? actor.sub;
      task.version++;
      outbox.task(task);
      outbox.event(
        {
          type: 'task-completed',
          summary: `Task done: ${task.title}: ${outcome}`,
          actor: userActor(actor),
          taskId,
          stepInstanceId: task.stepInstanceId ?? undefined,
          data: { outcome },
        },
        Date.now(),
      );
      applyTaskEffects(task);
      await reconcile();
      return task;
    },
  );

  /** What a completed task means for the facts and the outcome measurements. */
  function applyTaskEffects(task: HumanTask) {
    const step = task.stepInstanceId ? stepDefinition(stepIdOf(task.stepInstanceId)) : undefined;
    const action = step?.action.type === 'task' ? step.action : undefined;
    const data = (task.data ?? {}) as Record<string, unknown>;
    if (task.type === 'screening') {
      const screening = data as unknown as ScreeningData;
      state.facts.screeningCompletedDate = today();
      state.facts.needs = { ...screening.needs };
      state.facts.consent = { ...state.facts.consent, ...screening.consent };
      state.facts.idDocumentExpiry = screening.idDocumentExpiry ?? null;
    }
    if (action?.measurement && data.conditions) {
      state.measurements[action.measurement] = { ...(data.conditions as Record<string, never>) };
    }
    if (action?.closesCase) close('aftercare completed', today());
  }

  // ---------------------------------------------------------------------------------------------------------
  if (fresh) {
    outbox.event(
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

  requests.resumeDeliveries();
  for (const response of input.responses ?? []) requests.receive(response);
  const historyLimit = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER;
  // Handlers change the phase between awaits: read it through a function, not a narrowed property.
  const isClosed = () => state.phase === 'closed';
  while (!isClosed()) {
    const seen = generation;
    await exclusive(reconcile);
    if (isClosed()) break;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= historyLimit) {
      await condition(allHandlersFinished);
      await exclusive(flush);
      // Answers signalled during the hand-over travel along; an unfinished delivery is resumed from the state.
      await continueAsNew<typeof detentionWorkflow>({ ...input, carried: state, responses: requests.unapplied() });
    }
    const wakeUps = [
      currentPlan().nextFireAt,
      requests.nextFollowUpAt(),
      ...taskFollowUps().map((f) => f.next.at),
    ].filter((t): t is number => t !== null);
    const wait = wakeUps.length ? Math.max(Math.min(...wakeUps) - Date.now(), 1) : undefined;
    if (wait === undefined) await condition(() => generation !== seen);
    else await condition(() => generation !== seen, wait);
  }
  // Withdrawal messages of a closed case still go out (or are escalated) before the workflow ends.
  while (requests.deliveriesInFlight > 0) {
    const seen = generation;
    await condition(() => generation !== seen);
    await exclusive(reconcile);
  }
  await condition(allHandlersFinished);
  await exclusive(reconcile);
  return { detentionId: state.detentionId, closed: state.closed! };
}

/** A short pseudonymous reference (`TK-` + 8 characters) that says nothing about the person. */
function caseReferenceFrom(uuid: string): string {
  return `TK-${uuid.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
