import type { Principal } from '@terugkeer/auth';
import {
  BASIC_CONDITIONS,
  PLAYBOOKS,
  REQUEST_CONDITION,
  type BasicCondition,
  type Consent,
  type RequestType,
} from '@terugkeer/domain';
import { seesAllConditions, seesBsn } from './scope';

/** The basic condition whose information a step shares (the same step id means the same step in every playbook). */
const STEP_CONDITION: ReadonlyMap<string, BasicCondition> = new Map(
  PLAYBOOKS.flatMap((p) => p.steps.flatMap((s) => (s.sharesCondition ? [[s.id, s.sharesCondition] as const] : []))),
);

export const conditionOfStep = (stepId: string | null | undefined) => (stepId ? STEP_CONDITION.get(stepId) : undefined);
/** The basic condition a per-condition key is about (`debtsThreatening` is about debts); others are about none. */
const conditionOfKey = (key: string): BasicCondition | undefined => {
  const condition = key === 'debtsThreatening' ? 'debts' : key;
  return (BASIC_CONDITIONS as readonly string[]).includes(condition) ? (condition as BasicCondition) : undefined;
};

/** Events that weigh every basic condition: in the chain of each. */
const CASE_WIDE_EVENTS = new Set(['registered', 'expected-release-changed', 'released', 'measurement-taken', 'ended']);
/** Tasks that record the five conditions: the screening and the checks after release. */
const CONDITION_RECORDING_TASKS = new Set(['screening', 'aftercare-check', 'insurance-resumption']);

export const conditionOfRequest = (type: string) => REQUEST_CONDITION[type as RequestType];

/** The items of one case that say something about a condition: steps, tasks, requests (only the columns needed). */
export interface CaseItems {
  steps: readonly { instanceId: string; stepId: string }[];
  tasks: readonly {
    id: string;
    stepInstanceId: string | null;
    context: Record<string, unknown> | null;
    type?: string;
  }[];
  requests: readonly { id: string; type: string }[];
}

/** An item that points at the case's steps, tasks or requests (a timeline event, a task, a request). */
interface Pointers {
  stepInstanceId?: string | null;
  taskId?: string | null;
  requestId?: string | null;
  context?: Record<string, unknown> | null;
}

/**
 * What one reader may see of what one detainee shared about each basic condition (DOMAIN.md privacy; rule 5):
 * the prison everything; municipality, probation and supervisors on their side a condition only while the
 * detainee consents to share it — its need and status, and every step, task, request and timeline event about
 * it. A revocation hides them again. One rule for every read: an item is about the condition of its step, or of
 * the request it concerns.
 */
export class SharedConditions {
  private readonly stepOf: Map<string, string>;
  private readonly requestTypeOf: Map<string, string>;
  private readonly taskOf: Map<string, CaseItems['tasks'][number]>;

  constructor(
    readonly all: boolean,
    private readonly consent: Consent,
    items: CaseItems = { steps: [], tasks: [], requests: [] },
  ) {
    this.stepOf = new Map(items.steps.map((s) => [s.instanceId, s.stepId]));
    this.requestTypeOf = new Map(items.requests.map((r) => [r.id, r.type]));
    this.taskOf = new Map(items.tasks.map((t) => [t.id, t]));
  }

  static for(principal: Principal, row: { consent: Consent }, items?: CaseItems): SharedConditions {
    return new SharedConditions(seesAllConditions(principal), row.consent, items);
  }

  shows(condition: BasicCondition | undefined): boolean {
    return condition === undefined || this.all || this.consent[condition] === true;
  }

  showsStep(step: { stepId: string }): boolean {
    return this.shows(conditionOfStep(step.stepId));
  }

  showsRequest(request: { type: string }): boolean {
    return this.shows(conditionOfRequest(request.type));
  }

  /** A task, a timeline event: about the request it names, else about the step it came from, else the task's. */
  showsItem(item: Pointers): boolean {
    if (this.all) return true;
    const requestId = item.requestId ?? (item.context?.requestId as string | undefined);
    const type = requestId ? this.requestTypeOf.get(requestId) : undefined;
    if (type && !this.showsRequest({ type })) return false;
    const stepId = item.stepInstanceId ? this.stepOf.get(item.stepInstanceId) : undefined;
    if (stepId && !this.showsStep({ stepId })) return false;
    const task = item.taskId ? this.taskOf.get(item.taskId) : undefined;
    return task ? this.showsItem({ stepInstanceId: task.stepInstanceId, context: task.context }) : true;
  }

  /** What an item is about, for its label: the request it concerns, else its task's type, else its step. */
  subjectOf(item: Pointers): { kind: 'request' | 'task' | 'step'; type: string } | null {
    const requestId = item.requestId ?? (item.context?.requestId as string | undefined);
    const requestType = requestId ? this.requestTypeOf.get(requestId) : undefined;
    if (requestType) return { kind: 'request', type: requestType };
    const taskType = item.taskId ? this.taskOf.get(item.taskId)?.type : undefined;
    if (taskType) return { kind: 'task', type: taskType };
    const stepId = item.stepInstanceId ? this.stepOf.get(item.stepInstanceId) : undefined;
    return stepId ? { kind: 'step', type: stepId } : null;
  }

  /**
   * The basic conditions an item is about, as far as this reader sees them: the one of its request or step (or its
   * task's); all five for what weighs every condition (a screening, a check after release, the release itself
   * and its measurement, a moved release date); none for the rest of the case's course.
   */
  conditionsOf(item: Pointers & { type: string; data?: object | null }): BasicCondition[] {
    const all = BASIC_CONDITIONS.filter((c) => this.shows(c));
    if (CASE_WIDE_EVENTS.has(item.type)) return all;
    if (item.type === 'consent-changed') {
      const consent = ((item.data ?? {}) as { consent?: Record<string, unknown> }).consent ?? {};
      return all.filter((c) => c in consent);
    }
    const subject = this.subjectOf(item);
    if (subject?.kind === 'task' && CONDITION_RECORDING_TASKS.has(subject.type)) return all;
    const task = item.taskId ? this.taskOf.get(item.taskId) : undefined;
    const condition =
      subject?.kind === 'request'
        ? conditionOfRequest(subject.type)
        : (conditionOfStep(item.stepInstanceId ? this.stepOf.get(item.stepInstanceId) : undefined) ??
          conditionOfStep(task?.stepInstanceId ? this.stepOf.get(task.stepInstanceId) : undefined));
    return condition && this.shows(condition) ? [condition] : [];
  }

  /** Per-condition data (a measurement's conditions, what was arranged, help needed) without hidden conditions. */
  only<T>(perCondition: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(perCondition).filter(([key]) => this.shows(conditionOfKey(key))));
  }

  /**
   * What a timeline entry shows beyond its own columns: a measurement names the five conditions, a reader of the
   * chain sees those shared with it (in its data and its summary).
   */
  timelineEntry(event: { type: string; summary: string; data: object | null }): { data?: object; summary?: string } {
    if (this.all || event.type !== 'measurement-taken') return {};
    const data = { ...(event.data ?? {}) } as Record<string, unknown>;
    const conditions = this.only((data.conditions ?? {}) as Record<string, string>);
    data.conditions = conditions;
    if (data.arranged) data.arranged = this.only(data.arranged as Record<string, unknown>);
    const moment = event.summary.split(':')[0];
    const listed = Object.entries(conditions).map(([c, status]) => `${c} ${status}`);
    return { data, summary: `${moment}: ${listed.length ? listed.join(', ') : 'no condition shared'}` };
  }

  /** A completed task's data (a screening, an aftercare check) with the per-condition answers shared now. */
  taskData(data: Record<string, unknown> | null): Record<string, unknown> | null {
    if (this.all || !data) return data;
    const shown = { ...data };
    for (const key of ['needs', 'conditions', 'arranged']) {
      if (shown[key] && typeof shown[key] === 'object') shown[key] = this.only(shown[key] as Record<string, unknown>);
    }
    return shown;
  }

  /**
   * A request's payload as a reader who is not its partner sees it: no BSN for those who may not see it, help
   * needed only for the conditions shared now.
   */
  requestData(principal: Principal, data: Record<string, unknown>): Record<string, unknown> {
    const shown = { ...data };
    if (!seesBsn(principal) && shown.person && typeof shown.person === 'object') {
      const { bsn: _bsn, ...person } = shown.person as Record<string, unknown>;
      shown.person = person;
    }
    if (shown.helpNeeded && typeof shown.helpNeeded === 'object') {
      shown.helpNeeded = this.only(shown.helpNeeded as Record<string, unknown>);
    }
    return shown;
  }
}

/**
 * The same rule in SQL, for paginated lists: a condition on the detention `d` and a request type column (or a
 * step id column) that holds when the reader may see the item. Hidden: a type about a condition the detention's
 * detainee does not consent to share now.
 */
export function sharedConditionSql(
  principal: Principal,
  column: { requestType?: string; stepId?: string },
): { where: string; params: Record<string, unknown> } {
  if (seesAllConditions(principal)) return { where: 'TRUE', params: {} };
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const condition of BASIC_CONDITIONS) {
    const consented = `(d.consent ->> '${condition}') = 'true'`;
    const types = Object.entries(REQUEST_CONDITION)
      .filter(([, c]) => c === condition)
      .map(([t]) => t);
    const steps = [...STEP_CONDITION].filter(([, c]) => c === condition).map(([s]) => s);
    if (column.requestType && types.length) {
      params[`hiddenTypes_${condition}`] = types;
      parts.push(
        `(${column.requestType} IS NULL OR ${column.requestType} NOT IN (:...hiddenTypes_${condition}) OR ${consented})`,
      );
    }
    if (column.stepId && steps.length) {
      params[`hiddenSteps_${condition}`] = steps;
      parts.push(
        `(${column.stepId} IS NULL OR ${column.stepId} NOT IN (:...hiddenSteps_${condition}) OR ${consented})`,
      );
    }
  }
  return { where: parts.length ? parts.join(' AND ') : 'TRUE', params };
}
