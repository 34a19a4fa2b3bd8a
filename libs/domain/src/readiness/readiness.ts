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
