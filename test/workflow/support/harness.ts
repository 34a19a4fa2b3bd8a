import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  makeTelemetryFilterString,
  Runtime,
  Worker,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import {
  completeTaskUpdate,
  detentionWorkflowId,
  partnerResponseSignal,
  searchAttributeRegistrations,
  stateQuery,
  type DetentionRegistration,
  type DetentionState,
  type DetentionWorkflowInput,
  type HumanTask,
  type PartnerRequest,
  type PartnerResponse,
} from '@terugkeer/contracts';
import {
  amsterdamDate,
  amsterdamInstant,
  BASIC_CONDITIONS,
  DEFAULT_PLAYBOOK,
  isWorkingDay,
  onOrAfterWorkingDay,
  type CalendarDate,
  type Needs,
} from '@terugkeer/domain';
import { dataConverter, workerDataConverter, workflowTracingSinks } from '@terugkeer/temporal';
import { workflowBundleOptions } from '@terugkeer/temporal/workflow-bundle';
import { randomUUID } from 'node:crypto';
import { detentionWorkflow } from '@terugkeer/workflows';
import { startingServer, timeSkippingServer } from '../../support/test-env';
import { TEST_PAYLOAD_KEY } from '../../support/tokens';
import { eventually } from '../../support/eventually';
import { FakeActivities } from './fake-activities';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Payloads encrypted as in production, with the tests' key. */
export const testDataConverter = () =>
  dataConverter({ TEMPORAL_PAYLOAD_KEY: TEST_PAYLOAD_KEY, TEMPORAL_PAYLOAD_KEY_ID: 'test' });
/** The worker's, as in production: what is not encrypted with the key is refused. */
export const testWorkerDataConverter = () =>
  workerDataConverter({ TEMPORAL_PAYLOAD_KEY: TEST_PAYLOAD_KEY, TEMPORAL_PAYLOAD_KEY_ID: 'test' });
let runtimeInstalled = false;

/** The workflow bundle, built once per test file (as production does once per deployment). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  if (!runtimeInstalled) {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      // The test server lacks some capabilities core warns about; only errors are worth a line in test output.
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
    });
    runtimeInstalled = true;
  }
  bundle ??= bundleWorkflowCode({ ...workflowBundleOptions(), logger: new DefaultLogger('WARN') });
  return bundle;
}

export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  await workflowBundle();
  const env = await startingServer(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: timeSkippingServer(),
      client: { dataConverter: testDataConverter() },
    }),
  );
  // The workflow upserts its (non-personal) search attributes: the server must know them, as a cluster must.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: searchAttributeRegistrations(),
  });
  return env;
}

export const ALL_NEEDS: Needs = {
  id: true,
  housing: true,
  income: true,
  debts: true,
  care: true,
  bankAccount: true,
  digid: true,
};
export const ALL_CONSENT = { id: true, housing: true, income: true, debts: true, care: true };

/** Completion data of a screening: every need (or those given), consent as given, every condition needing attention. */
export function screeningData(
  consent: Record<string, boolean> = ALL_CONSENT,
  overrides: { needs?: Partial<Needs>; idDocumentExpiry?: CalendarDate | null } = {},
) {
  return {
    needs: { ...ALL_NEEDS, ...overrides.needs },
    consent,
    conditions: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention'])),
    idDocumentExpiry: overrides.idDocumentExpiry ?? null,
  };
}

export function registration(
  overrides: Partial<DetentionRegistration> & { intakeDate: CalendarDate },
): DetentionRegistration {
  return {
    detentionId: randomUUID(),
    person: { bsn: '123456782', name: 'J. Jansen', dateOfBirth: '1990-05-01' },
    prison: 'PI-ALMELO',
    municipality: 'GM0363',
    probation: 'RN',
    expectedReleaseDate: null,
    casemanager: { name: 'C. Manager', email: 'cm@pi-almelo.example', phone: '+31 546 000000' },
    needs: ALL_NEEDS,
    idDocumentExpiry: null,
    registeredAt: new Date().toISOString(),
    registeredBy: 'cm-1',
    ...overrides,
  };
}

export interface Running {
  env: TestWorkflowEnvironment;
  activities: FakeActivities;
  taskQueue: string;
  workflowId: string;
  state(): Promise<DetentionState>;
}

/**
 * Starts a detention workflow on its own task queue with a fresh worker and runs `body` while the worker polls.
 */
export async function withDetention(
  env: TestWorkflowEnvironment,
  input: {
    registration: DetentionRegistration;
    continueAsNewAfterEvents?: number;
    playbook?: { id: string; version: number };
    /** Start as the next run of a case (continue-as-new) with this state. */
    carried?: DetentionState;
    /** The client that starts it (the environment's unless given) and the worker's tracing. */
    client?: Client;
    worker?: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
  },
  body: (running: Running) => Promise<void>,
  activities = new FakeActivities(),
): Promise<void> {
  const taskQueue = `wf-test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: activities.bound(),
    dataConverter: testWorkerDataConverter(),
    sinks: workflowTracingSinks(),
    ...input.worker,
  });
  const workflowId = detentionWorkflowId(input.registration.detentionId);
  await worker.runUntil(async () => {
    const args: DetentionWorkflowInput = {
      registration: input.registration,
      playbook: input.playbook ?? { id: DEFAULT_PLAYBOOK.id, version: DEFAULT_PLAYBOOK.version },
      continueAsNewAfterEvents: input.continueAsNewAfterEvents,
      ...(input.carried ? { carried: input.carried } : {}),
    };
    await (input.client ?? env.client).workflow.start(detentionWorkflow, { taskQueue, workflowId, args: [args] });
    const handle = env.client.workflow.getHandle(workflowId);
    await body({ env, activities, taskQueue, workflowId, state: () => handle.query(stateQuery) });
  });
}

export { eventually };

export async function todayIn(env: TestWorkflowEnvironment): Promise<CalendarDate> {
  return amsterdamDate(await env.currentTimeMs());
}

export const CASEMANAGER = { sub: 'cm-1', role: 'casemanager', org: 'PI-ALMELO' };
export const MUNICIPALITY = { sub: 'mun-1', role: 'municipality', org: 'GM0363' };

/** Skips test-server time forward to an instant (no-op when it is already past). */
export async function advanceTo(env: TestWorkflowEnvironment, instant: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (instant > now) await env.sleep(instant - now);
}

/**
 * The first 07:00 (Amsterdam) on a working day at or after the server's now: steps of "today" have fired by then,
 * and none waits for Monday (rule 10) whatever the day the suite runs on.
 */
export async function morning(env: TestWorkflowEnvironment): Promise<CalendarDate> {
  const now = await env.currentTimeMs();
  const today = amsterdamDate(now);
  const day = isWorkingDay(today) ? today : onOrAfterWorkingDay(today);
  const seven = amsterdamInstant(day, '07:00');
  if (now < seven) await env.sleep(seven - now);
  return day;
}

/** Completes the screening task (once the workflow has created it), as the casemanager. */
export async function completeScreening(
  running: Running,
  consent?: Record<string, boolean>,
  overrides?: Parameters<typeof screeningData>[1],
): Promise<void> {
  const task = await eventually(async () => {
    const found = Object.values((await running.state()).tasks).find((t) => t.type === 'screening');
    expect(found).toBeDefined();
    return found!;
  });
  await running.env.client.workflow.getHandle(running.workflowId).executeUpdate(completeTaskUpdate, {
    args: [{ taskId: task.id, outcome: 'completed', data: screeningData(consent, overrides), actor: CASEMANAGER }],
  });
}

/** The open task of a type (and role), once the workflow has created it. */
export async function openTask(running: Running, type: string, role?: string): Promise<HumanTask> {
  return eventually(async () => {
    const task = Object.values((await running.state()).tasks).find(
      (t) => t.type === type && (t.status === 'open' || t.status === 'claimed') && (!role || t.role === role),
    );
    expect(task).toBeDefined();
    return task!;
  });
}

/** The requests of a type in a detention's state, in the order the ledger holds them. */
export const requestsOf = (state: DetentionState, type: string): PartnerRequest[] =>
  Object.values(state.requests).filter((r) => r.type === type);

let responses = 0;
/** A partner's answer to a request, as the API signals it after checking the ledger. */
export function respond(
  running: Running,
  request: PartnerRequest,
  status: PartnerResponse['status'],
  extra: Partial<PartnerResponse> = {},
): Promise<void> {
  return running.env.client.workflow.getHandle(running.workflowId).signal(partnerResponseSignal, {
    responseId: `response-${++responses}`,
    requestId: request.id,
    partnerId: request.partnerId,
    status,
    receivedAt: new Date().toISOString(),
    ...extra,
  });
}

/** The working day on or after a date: where a step lands after release (rule 10), and a date a test may use. */
export const workingDayFrom = onOrAfterWorkingDay;
