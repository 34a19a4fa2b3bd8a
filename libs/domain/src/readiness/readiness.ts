import type { CalendarDate } from '../calendar';
import { addMonths, daysBetween } from '../calendar';
import type { BasicCondition, ConditionStatus, Consent, Needs } from '../detention/detention-facts';
import { BASIC_CONDITIONS } from '../detention/detention-facts';
import type { RequestType } from '../playbook/playbook';
import type { RequestStatus } from '../requests/request-status';

/** Traffic light of a basic condition: arranged, in progress, at risk. */
export type Light = 'green' | 'amber' | 'red';

/** The request that arranges each basic condition through the chain. */
export const CONDITION_REQUEST: Record<BasicCondition, RequestType> = {
  id: 'id-application',
  housing: 'housing-request',
  income: 'benefit-pre-application',
  debts: 'debt-help-referral',
  care: 'care-continuity',
};

/** When a condition counts as arranged by its request's status (an ID is arranged once issued). */
const ARRANGED: Record<BasicCondition, readonly RequestStatus[]> = {
  id: ['completed'],
  housing: ['accepted', 'completed'],
  income: ['accepted', 'completed'],
  debts: ['accepted', 'completed'],
  care: ['accepted', 'completed'],
};

/** Within this many days of release, whatever is not arranged is red. */
export const URGENT_DAYS = 14;

/**
 * Rule 11: an ID document is enough when it is valid until at least six months after the release (the actual one,
 * else the expected one, else from today). An expiry nobody recorded proves nothing.
 */
export function idDocumentCovers(expiry: CalendarDate | null, release: CalendarDate | null, today: CalendarDate) {
  return expiry !== null && expiry >= addMonths(release ?? today, 6);
}

export interface ConditionInput {
  condition: BasicCondition;
  needs: Needs;
  consent: Consent;
  /** The latest request for the condition, if any. */
  request: { status: RequestStatus; delivery: string } | null;
  /** The latest measured status, where one was taken (release, six months). */
  measured: ConditionStatus | null;
  daysToRelease: number | null;
  /** For the ID: the document's expiry, the release it must outlast (X, else R), and whether S is done. */
  id?: { expiry: CalendarDate | null; release: CalendarDate | null; today: CalendarDate; screened: boolean };
}

const FROM_MEASUREMENT: Record<ConditionStatus, Light> = { ok: 'green', attention: 'amber', missing: 'red' };

function idLight({ needs, consent, request, daysToRelease, id }: ConditionInput): Light {
  if (request?.status === 'completed') return 'green';
  const blocked =
    request !== null && (request.status === 'declined' || ['failed', 'rejected'].includes(request.delivery));
  if (blocked) return 'red';
  // Only a document proven to last is enough: an expiry nobody recorded proves nothing.
  if (!needs.id && id && idDocumentCovers(id.expiry, id.release, id.today)) return 'green';
  const urgent = daysToRelease !== null && daysToRelease <= URGENT_DAYS;
  // A missing application: refused consent, or none made by now (after the screening, or close to release).
  if (request === null && (consent.id === false || id?.screened || urgent)) return 'red';
  return urgent ? 'red' : 'amber';
}

export function conditionLight(given: ConditionInput): Light {
  // A withdrawn request arranges nothing: as if there were none.
  const input = given.request?.status === 'withdrawn' ? { ...given, request: null } : given;
  const { condition, needs, consent, request, measured, daysToRelease } = input;
  if (measured) return FROM_MEASUREMENT[measured];
  if (condition === 'id' && input.id) return idLight(input);
  if (!needs[condition]) return 'green';
  if (request && ARRANGED[condition].includes(request.status)) return 'green';
  const blocked =
    (request !== null && (request.status === 'declined' || ['failed', 'rejected'].includes(request.delivery))) ||
    (request === null && consent[condition] === false);
  if (blocked) return 'red';
  if (daysToRelease !== null && daysToRelease <= URGENT_DAYS) return 'red';
  return 'amber';
}

/** What was arranged for a condition at release: not needed, the request's status, or nothing. */
export type Arrangement = RequestStatus | 'not-needed' | 'nothing';

export interface ReleaseMeasurement {
  conditions: Record<BasicCondition, ConditionStatus>;
  arranged: Record<BasicCondition, Arrangement>;
}

/**
 * Rule 12: the release measurement, taken automatically at X and never changed afterwards: per basic condition
 * ok (not needed, or arranged), attention (in progress) or missing (an ID only proven valid when its expiry is known).
 */
export function measureAtRelease(input: {
  needs: Needs;
  requests: Partial<Record<BasicCondition, { status: RequestStatus; delivery: string } | null>>;
  idDocumentExpiry: CalendarDate | null;
  releaseDate: CalendarDate;
}): ReleaseMeasurement {
  const conditions = {} as Record<BasicCondition, ConditionStatus>;
  const arranged = {} as Record<BasicCondition, Arrangement>;
  for (const c of BASIC_CONDITIONS) {
    const request = input.requests[c] ?? null;
    const covered = c === 'id' && idDocumentCovers(input.idDocumentExpiry, input.releaseDate, input.releaseDate);
    const needed = c === 'id' ? input.needs.id || !covered : input.needs[c];
    if (!needed) [conditions[c], arranged[c]] = ['ok', 'not-needed'];
    else if (request && ARRANGED[c].includes(request.status)) [conditions[c], arranged[c]] = ['ok', request.status];
    else {
      const going =
        request !== null &&
        !['declined', 'withdrawn'].includes(request.status) &&
        !['failed', 'rejected'].includes(request.delivery);
      conditions[c] = going ? 'attention' : 'missing';
      arranged[c] = request?.status ?? 'nothing';
    }
  }
  return { conditions, arranged };
}

/**
 * Risk of a release without ID, housing or income: red counts 3, amber 1, weighed by how soon the release is
 * (≤ 14 days ×3, ≤ 42 days ×2, later or unknown ×1).
 */
export function releaseRisk(lights: Record<BasicCondition, Light>, daysToRelease: number | null): number {
  const weight = { green: 0, amber: 1, red: 3 } as const;
  const urgency = daysToRelease === null ? 1 : daysToRelease <= URGENT_DAYS ? 3 : daysToRelease <= 42 ? 2 : 1;
  return (['id', 'housing', 'income'] as const).reduce((sum, c) => sum + weight[lights[c]], 0) * urgency;
}

export const STAY_SEGMENTS = ['≤10d', '11–28d', '29–90d', '91–365d', '>365d', 'unknown'] as const;
export type StaySegment = (typeof STAY_SEGMENTS)[number];

export function staySegment(intake: CalendarDate, end: CalendarDate | null): StaySegment {
  if (end === null) return 'unknown';
  const days = daysBetween(intake, end);
  if (days <= 10) return '≤10d';
  if (days <= 28) return '11–28d';
  if (days <= 90) return '29–90d';
  if (days <= 365) return '91–365d';
  return '>365d';
}

/** The median of some numbers (null for none). */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
