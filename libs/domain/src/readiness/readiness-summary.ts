import { addDays, amsterdamDate, type CalendarDate } from '../calendar';
import { BASIC_CONDITIONS, type BasicCondition } from '../detention/detention-facts';
import {
  caseConditions,
  latestRequests,
  type ConditionFacts,
  type ConditionRequestRow,
  type ConditionTaskRow,
} from './case-conditions';
import { idDocumentCovers, URGENT_DAYS, type Light } from './condition-status';
import { RISK_CONDITIONS, RISK_WEIGHT } from './readiness';

/** The five lights of a case, as everyone who may see them all sees them. */
export type CaseLights = Record<BasicCondition, Light>;

/**
 * A case's lights at the two moments that can differ while it is in prison: more than {@link URGENT_DAYS} days
 * before its release, and within them (where whatever is not arranged turns red). Nothing else in the rule moves
 * with the day, once the release date is known; without one, the ID document is judged against the day of writing.
 */
export interface BoardLights {
  normal: CaseLights;
  urgent: CaseLights;
}

/** What was arranged by the day of release (the dashboard's release figures), once released. */
export interface ReleaseOutcome {
  validId: boolean;
  housing: boolean;
  incomeDecided: boolean;
  insuranceResumed: boolean;
}

/**
 * The weight of a case's lights on the board (`releaseRisk` before the days to release multiply it), at both
 * moments: for a reader who sees every condition, and for one who sees only what the detainee shares (a condition
 * not shared weighs as amber).
 */
export interface BoardWeights {
  normal: number;
  urgent: number;
  sharedNormal: number;
  sharedUrgent: number;
}

/** What the dashboard ranks and counts a case by, kept beside it in the read model (see `readiness-summary` there). */
export interface ReadinessSummary {
  lights: BoardLights;
  weights: BoardWeights;
  releaseOutcome: ReleaseOutcome | null;
}

/** A check task's columns, with the outcome the insurance resumption is counted by. */
export interface OutcomeTaskRow extends ConditionTaskRow {
  outcome: string | null;
}

const everything = { shows: () => true };

function lightsOn(
  facts: ConditionFacts,
  related: { requests: readonly ConditionRequestRow[]; tasks: readonly ConditionTaskRow[] },
  today: CalendarDate,
): CaseLights {
  const views = caseConditions(facts, everything, related, today);
  return Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, views[c].status ?? 'amber'])) as CaseLights;
}

/**
 * The dashboard's view of one case as a pure function of its facts, its requests and its check tasks: the lights at
 * both moments (one rule, `caseConditions`, the same the detention page uses) and, once released, what was arranged
 * by the day of release — a valid ID, housing, a decided income application (measured, or the latest request closed
 * by then), and a resumed insurance.
 */
export function readinessSummary(
  facts: ConditionFacts,
  related: { requests: readonly ConditionRequestRow[]; tasks: readonly OutcomeTaskRow[] },
  now: number = Date.now(),
): ReadinessSummary {
  const release = facts.actualReleaseDate ?? facts.expectedReleaseDate;
  const today = amsterdamDate(now);
  const lights: BoardLights =
    release === null
      ? { normal: lightsOn(facts, related, today), urgent: lightsOn(facts, related, today) }
      : {
          normal: lightsOn(facts, related, addDays(release, -(URGENT_DAYS + 1))),
          urgent: lightsOn(facts, related, release),
        };
  const weigh = (l: CaseLights, shared: boolean) =>
    RISK_CONDITIONS.reduce((sum, c) => sum + RISK_WEIGHT[!shared || facts.consent[c] === true ? l[c] : 'amber'], 0);
  const weights: BoardWeights = {
    normal: weigh(lights.normal, false),
    urgent: weigh(lights.urgent, false),
    sharedNormal: weigh(lights.normal, true),
    sharedUrgent: weigh(lights.urgent, true),
  };
  return { lights, weights, releaseOutcome: releaseOutcome(facts, related) };
}

function releaseOutcome(
  facts: ConditionFacts,
  related: { requests: readonly ConditionRequestRow[]; tasks: readonly OutcomeTaskRow[] },
): ReleaseOutcome | null {
  const released = facts.actualReleaseDate;
  if (released === null) return null;
  const latest = latestRequests(related.requests);
  const measured = (c: BasicCondition) => facts.measurements.release?.[c] === 'ok';
  const closedBy = (c: BasicCondition, statuses: readonly string[]) => {
    const request = latest(c);
    return (
      !!request &&
      statuses.includes(request.status) &&
      (!request.closedAt || amsterdamDate(new Date(request.closedAt).getTime()) <= released)
    );
  };
  const resumption = related.tasks.find((t) => t.type === 'insurance-resumption');
  return {
    validId:
      (!facts.needs.id && idDocumentCovers(facts.idDocumentExpiry, released, released)) ||
      measured('id') ||
      closedBy('id', ['completed']),
    housing: !facts.needs.housing || measured('housing') || closedBy('housing', ['accepted', 'completed']),
    incomeDecided: !facts.needs.income || measured('income') || closedBy('income', ['completed', 'declined']),
    insuranceResumed: resumption?.status === 'done' && resumption.outcome === 'resumed',
  };
}
