import type { CalendarDate } from '../calendar';
import { daysBetween } from '../calendar';
import type { BasicCondition, ConditionStatus, Consent, Needs } from '../detention/detention-facts';
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

export interface ConditionInput {
  condition: BasicCondition;
  needs: Needs;
  consent: Consent;
  /** The latest request for the condition, if any. */
  request: { status: RequestStatus; delivery: string } | null;
  /** The latest measured status, where one was taken (release, six months). */
  measured: ConditionStatus | null;
  daysToRelease: number | null;
}

const FROM_MEASUREMENT: Record<ConditionStatus, Light> = { ok: 'green', attention: 'amber', missing: 'red' };

export function conditionLight({ condition, needs, consent, request, measured, daysToRelease }: ConditionInput): Light {
  if (measured) return FROM_MEASUREMENT[measured];
  if (!needs[condition]) return 'green';
  if (request && ARRANGED[condition].includes(request.status)) return 'green';
  const blocked =
    (request !== null && (request.status === 'declined' || ['failed', 'rejected'].includes(request.delivery))) ||
    (request === null && consent[condition] === false);
  if (blocked) return 'red';
  if (daysToRelease !== null && daysToRelease <= URGENT_DAYS) return 'red';
  return 'amber';
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
