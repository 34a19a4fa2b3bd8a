import {
  DETENTION_ERRORS,
  type Actor,
  type ContactDetails,
  type DetentionErrorType,
  type DetentionState,
  type DetentionWorkflowInput,
  type HumanTask,
  type PartnerResponse,
} from '@terugkeer/contracts';
import {
  BASIC_CONDITIONS,
  ENDING_REASONS,
  isCalendarDate,
  isMunicipalityCode,
  isPrisonCode,
  PARTNER_RESPONSE_STATUSES,
  TASK_OUTCOMES,
  type BasicCondition,
  type CalendarDate,
  type Consent,
  type ScreeningData,
} from '@terugkeer/domain';
import { ApplicationFailure } from '@temporalio/workflow';

/**
 * The checks of every message, as pure functions of the case's state and today's date. Each update runs its
 * check twice: as the validator (a rejected update leaves no trace in history) and again when its turn comes,
 * since what it judged may have changed while it waited. Messages never hold personal data.
 */
export interface CheckContext {
  state: DetentionState;
  today: CalendarDate;
  /** The rules at the edges apply to this run (see EDGE_RULES_PATCH). */
  edgeRules: boolean;
}

export function reject(type: DetentionErrorType, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

function requireOpen({ state }: CheckContext) {
  if (state.phase === 'closed') reject(DETENTION_ERRORS.conflict, 'the case is closed');
}

function requireDetained({ state }: CheckContext) {
  if (state.phase !== 'detained')
    reject(DETENTION_ERRORS.conflict, `not possible after release (phase ${state.phase})`);
}

function requireCasemanager({ state }: CheckContext, actor: Actor) {
  if (actor.role !== 'casemanager' || actor.org !== state.facts.prison) {
    reject(DETENTION_ERRORS.forbidden, `only casemanagers of ${state.facts.prison} may do this`);
  }
}

/** Who records endings and consent: the casemanager, and after release the responsible municipality (rule 8). */
function requireCaseLead(ctx: CheckContext, actor: Actor) {
  const { state } = ctx;
  const municipality = actor.role === 'municipality' && actor.org === state.facts.municipality;
  if (ctx.edgeRules && state.phase === 'aftercare' && municipality) return;
  if (ctx.edgeRules && state.phase === 'aftercare' && actor.role !== 'casemanager') {
    reject(DETENTION_ERRORS.forbidden, `only the responsible municipality ${state.facts.municipality} may do this`);
  }
  requireCasemanager(ctx, actor);
}

function requireContact(field: string, value: unknown) {
  const contact = value as Record<string, unknown> | null;
  if (typeof contact !== 'object' || contact === null) reject(DETENTION_ERRORS.invalid, `${field} must be an object`);
  for (const key of ['name', 'email', 'phone']) {
    const part = contact[key];
    if (typeof part !== 'string' || !part.trim() || part.length > 200) {
      reject(DETENTION_ERRORS.invalid, `${field}.${key} must be a non-empty string`);
    }
  }
}

function requireDate(
  { state, today }: CheckContext,
  field: string,
  value: unknown,
  { notFuture = false } = {},
): CalendarDate {
  if (!isCalendarDate(value)) reject(DETENTION_ERRORS.invalid, `${field} must be a date (YYYY-MM-DD)`);
  if (value < state.facts.intakeDate) reject(DETENTION_ERRORS.invalid, `${field} must not be before the intake date`);
  if (notFuture && value > today) reject(DETENTION_ERRORS.invalid, `${field} must not be in the future`);
  return value;
}

export function checkExpectedRelease(
  ctx: CheckContext,
  { expectedReleaseDate, actor }: { expectedReleaseDate: CalendarDate | null; actor: Actor },
): void {
  requireOpen(ctx);
  requireDetained(ctx);
  requireCasemanager(ctx, actor);
  if (expectedReleaseDate === null) return;
  requireDate(ctx, 'expectedReleaseDate', expectedReleaseDate);
  // Rule 10: while the person is detained, a release date in the past is a mistake (record the release instead).
  if (ctx.edgeRules && expectedReleaseDate < ctx.today) {
    reject(DETENTION_ERRORS.invalid, 'expectedReleaseDate must not be in the past while the person is detained');
  }
}

export function checkRelease(ctx: CheckContext, { releaseDate, actor }: { releaseDate: CalendarDate; actor: Actor }) {
  requireOpen(ctx);
  requireDetained(ctx);
  requireCasemanager(ctx, actor);
  requireDate(ctx, 'releaseDate', releaseDate, { notFuture: true });
}

export function checkTransfer(
  ctx: CheckContext,
  arg: { prison: string; date: CalendarDate; casemanager?: ContactDetails; actor: Actor },
): void {
  requireOpen(ctx);
  requireDetained(ctx);
  requireCasemanager(ctx, arg.actor);
  if (!isPrisonCode(arg.prison)) reject(DETENTION_ERRORS.invalid, 'prison must be a known prison code');
  if (arg.prison === ctx.state.facts.prison) {
    reject(DETENTION_ERRORS.conflict, `the detention is already at ${arg.prison}`);
  }
  requireDate(ctx, 'date', arg.date, { notFuture: true });
  if (arg.casemanager !== undefined) requireContact('casemanager', arg.casemanager);
}

/** A new casemanager contact: by a casemanager of the current prison, while the person is detained. */
export function checkCasemanager(ctx: CheckContext, { casemanager, actor }: { casemanager: unknown; actor: Actor }) {
  requireOpen(ctx);
  requireDetained(ctx);
  requireCasemanager(ctx, actor);
  requireContact('casemanager', casemanager);
}

export function checkMunicipality(ctx: CheckContext, { municipality, actor }: { municipality: string; actor: Actor }) {
  requireOpen(ctx);
  const { facts } = ctx.state;
  const allowed =
    (actor.role === 'casemanager' && actor.org === facts.prison) ||
    (actor.role === 'municipality' && actor.org === facts.municipality);
  if (!allowed) reject(DETENTION_ERRORS.forbidden, 'only the casemanager or the responsible municipality may do this');
  if (!isMunicipalityCode(municipality)) reject(DETENTION_ERRORS.invalid, 'municipality must be a known CBS code');
  if (municipality === facts.municipality) reject(DETENTION_ERRORS.conflict, `${municipality} is already responsible`);
}

export function checkConsent(ctx: CheckContext, { consent, actor }: { consent: Consent; actor: Actor }): void {
  requireOpen(ctx);
  requireCaseLead(ctx, actor);
  const keys = Object.keys(consent);
  if (!keys.length) reject(DETENTION_ERRORS.invalid, 'consent must name at least one basic condition');
  for (const key of keys) {
    if (!(BASIC_CONDITIONS as readonly string[]).includes(key))
      reject(DETENTION_ERRORS.invalid, `consent.${key} is not a basic condition`);
    if (typeof consent[key as BasicCondition] !== 'boolean')
      reject(DETENTION_ERRORS.invalid, `consent.${key} must be a boolean`);
  }
}

export function checkEnding(
  ctx: CheckContext,
  { reason, date, actor }: { reason: string; date: CalendarDate; actor: Actor },
): void {
  requireOpen(ctx);
  if (actor.role !== 'system') requireCaseLead(ctx, actor);
  if (!(ENDING_REASONS as readonly string[]).includes(reason))
    reject(DETENTION_ERRORS.invalid, `reason must be one of ${ENDING_REASONS.join(', ')}`);
  requireDate(ctx, 'date', date, { notFuture: true });
}

/** The task a person may act on: theirs by role and organisation, still open, not claimed by someone else. */
export function checkTaskAction(
  { state }: CheckContext,
  { taskId, actor }: { taskId: string; actor: Actor },
): HumanTask {
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

export function checkCompletion(
  ctx: CheckContext,
  arg: { taskId: string; outcome: string; data: Record<string, unknown>; expectedVersion?: number; actor: Actor },
): void {
  const task = checkTaskAction(ctx, arg);
  if (arg.expectedVersion !== undefined && arg.expectedVersion !== task.version) {
    reject(DETENTION_ERRORS.conflict, `the task changed (version ${task.version}, not ${arg.expectedVersion})`);
  }
  if (!TASK_OUTCOMES[task.type].includes(arg.outcome)) {
    reject(DETENTION_ERRORS.invalid, `outcome must be one of ${TASK_OUTCOMES[task.type].join(', ')}`);
  }
  if (task.type === 'screening') {
    const screening = arg.data as Partial<ScreeningData>;
    if (!screening.needs || !screening.consent || !screening.conditions) {
      reject(DETENTION_ERRORS.invalid, 'data.needs, data.consent and data.conditions are required for a screening');
    }
  }
}

/** A message is an object: what the worker's codec refused (an unencrypted payload) arrives as `null`. */
export function requireMessage(arg: unknown): void {
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) {
    reject(DETENTION_ERRORS.invalid, 'not a message this workflow accepts');
  }
}

const isString = (value: unknown) => typeof value === 'string' && value.length > 0;

/** The shape of a partner's answer as the API signals it; anything else is ignored. */
export function isPartnerResponse(value: unknown): value is PartnerResponse {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return (
    isString(r.responseId) &&
    isString(r.requestId) &&
    isString(r.partnerId) &&
    isString(r.receivedAt) &&
    (PARTNER_RESPONSE_STATUSES as readonly unknown[]).includes(r.status)
  );
}

/** A start carries a registration and a playbook (and, after continue-as-new, the carried state). */
export function isWorkflowInput(value: unknown): value is DetentionWorkflowInput {
  if (value === null || typeof value !== 'object') return false;
  const input = value as Partial<DetentionWorkflowInput>;
  return (
    typeof input.registration === 'object' &&
    input.registration !== null &&
    typeof input.playbook === 'object' &&
    input.playbook !== null
  );
}
