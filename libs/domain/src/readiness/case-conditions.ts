import type { CalendarDate } from '../calendar';
import type { BasicCondition, ConditionStatus, ConditionStatuses, Consent, Needs } from '../detention/detention-facts';
import { BASIC_CONDITIONS, CONDITION_STATUSES } from '../detention/detention-facts';
import type { RequestStatus } from '../requests/request-status';
import {
  CONDITION_CHECK_TASKS,
  CONDITION_REQUEST,
  conditionStatus,
  type ConditionCheckTask,
  type ConditionSource,
  type Light,
} from './condition-status';

/** The detention columns the status of its conditions rests on. */
export interface ConditionFacts {
  needs: Needs;
  consent: Consent;
  screeningCompletedDate: CalendarDate | null;
  expectedReleaseDate: CalendarDate | null;
  actualReleaseDate: CalendarDate | null;
  idDocumentExpiry: CalendarDate | null;
  measurements: Partial<Record<string, ConditionStatuses>>;
}

/** The request columns needed (any of the case's requests; only the latest per condition counts). */
export interface ConditionRequestRow {
  type: string;
  status: string;
  delivery: string;
  partnerId: string;
  sentAt: Date | string;
  closedAt: Date | string | null;
  withdrawnAt: Date | string | null;
  updatedAt: Date | string;
}

/** The task columns needed (any of the case's tasks; only completed checks after release count). */
export interface ConditionTaskRow {
  type: string;
  status: string;
  data: Record<string, unknown> | null;
  completedAt: Date | string | null;
}

/** One basic condition as a reader sees it: its light and what it rests on, or "not shared" (rule 5). */
export interface ConditionView {
  status: Light | null;
  source: ConditionSource | 'not-shared';
  reason: string;
  requestStatus: RequestStatus | null;
  partnerId: string | null;
  on: CalendarDate | null;
}

const NOT_SHARED: ConditionView = {
  status: null,
  source: 'not-shared',
  reason: 'not shared with you: the detainee does not consent',
  requestStatus: null,
  partnerId: null,
  on: null,
};

const ms = (v: Date | string) => new Date(v).getTime();
const isStatus = (v: unknown): v is ConditionStatus => (CONDITION_STATUSES as readonly unknown[]).includes(v);

/** The latest request (by sending) of each condition's request type. */
export function latestRequests<R extends ConditionRequestRow>(requests: readonly R[]) {
  const latest = new Map<string, R>();
  for (const r of requests) {
    const known = latest.get(r.type);
    if (!known || ms(r.sentAt) > ms(known.sentAt)) latest.set(r.type, r);
  }
  return (c: BasicCondition) => latest.get(CONDITION_REQUEST[c]) ?? null;
}

/**
 * The five basic conditions of one case, each decided by the one domain rule (`conditionStatus`) from the case's
 * facts, its latest request per condition, the release measurement and the checks after release; a condition the
 * reader may not see is "not shared". Every screen that shows a condition's status goes through here.
 */
export function caseConditions(
  facts: ConditionFacts,
  shared: { shows(condition: BasicCondition): boolean },
  related: { requests: readonly ConditionRequestRow[]; tasks: readonly ConditionTaskRow[] },
  today: CalendarDate,
): Record<BasicCondition, ConditionView> {
  const latest = latestRequests(related.requests);
  const checks = related.tasks.filter(
    (t) => t.status === 'done' && t.completedAt && (CONDITION_CHECK_TASKS as readonly string[]).includes(t.type),
  );
  const entries = BASIC_CONDITIONS.map((condition): [BasicCondition, ConditionView] => {
    if (!shared.shows(condition)) return [condition, NOT_SHARED];
    const request = latest(condition);
    const verdict = conditionStatus({
      condition,
      needs: facts.needs,
      consent: facts.consent,
      today,
      screeningCompletedDate: facts.screeningCompletedDate,
      expectedReleaseDate: facts.expectedReleaseDate,
      actualReleaseDate: facts.actualReleaseDate,
      idDocumentExpiry: facts.idDocumentExpiry,
      request: request && {
        status: request.status as RequestStatus,
        delivery: request.delivery,
        partnerId: request.partnerId,
        // When its status last changed: closing and withdrawal say when; otherwise its last update.
        changedAt: ms(request.closedAt ?? request.withdrawnAt ?? request.updatedAt ?? request.sentAt),
      },
      releaseMeasurement: facts.measurements.release?.[condition] ?? null,
      checks: checks.flatMap((t) => {
        const status = (t.data?.conditions as Record<string, unknown> | undefined)?.[condition];
        return isStatus(status) ? [{ status, at: ms(t.completedAt!), task: t.type as ConditionCheckTask }] : [];
      }),
    });
    return [condition, verdict];
  });
  return Object.fromEntries(entries) as Record<BasicCondition, ConditionView>;
}
