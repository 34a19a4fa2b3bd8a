import type { CalendarDate } from '../calendar';
import { daysBetween } from '../calendar';
import type { BasicCondition, ConditionStatus, Needs } from '../detention/detention-facts';
import { BASIC_CONDITIONS } from '../detention/detention-facts';
import type { RequestStatus } from '../requests/request-status';
import { ARRANGED, idDocumentCovers, URGENT_DAYS, type Light } from './condition-status';

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
  return RISK_CONDITIONS.reduce((sum, c) => sum + RISK_WEIGHT[lights[c]], 0) * releaseUrgency(daysToRelease);
}

/** The conditions a release without which is a risk, and what each light weighs (the dashboard's SQL too). */
export const RISK_CONDITIONS = ['id', 'housing', 'income'] as const;
export const RISK_WEIGHT: Record<Light, number> = { green: 0, amber: 1, red: 3 };
/** Within so many days of release a risk weighs double (and within {@link URGENT_DAYS} triple). */
export const SOON_DAYS = 42;

export const releaseUrgency = (daysToRelease: number | null): number =>
  daysToRelease === null ? 1 : daysToRelease <= URGENT_DAYS ? 3 : daysToRelease <= SOON_DAYS ? 2 : 1;

export const STAY_SEGMENTS = ['≤10d', '11–28d', '29–90d', '91–365d', '>365d', 'unknown'] as const;
export type StaySegment = (typeof STAY_SEGMENTS)[number];

/** The longest stay (in days) of each segment but the last two; longer is `>365d`, without an end `unknown`. */
export const STAY_SEGMENT_BOUNDS: readonly (readonly [number, StaySegment])[] = [
  [10, '≤10d'],
  [28, '11–28d'],
  [90, '29–90d'],
  [365, '91–365d'],
];

export function staySegment(intake: CalendarDate, end: CalendarDate | null): StaySegment {
  if (end === null) return 'unknown';
  const days = daysBetween(intake, end);
  return STAY_SEGMENT_BOUNDS.find(([most]) => days <= most)?.[1] ?? '>365d';
}

/** The median of some numbers (null for none). */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
