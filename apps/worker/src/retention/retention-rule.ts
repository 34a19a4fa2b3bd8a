import { describeRetentionPeriod, parseRetentionPeriod } from '@terugkeer/config';
import { addDays, addMonths, type CalendarDate } from '@terugkeer/domain';

/** What the rule needs of a detention (its read-model row). */
export interface RetentionFacts {
  phase: string;
  actualReleaseDate: CalendarDate | null;
  endedReason: string | null;
  endedDate: CalendarDate | null;
  closedDate: CalendarDate | null;
}

/** When a closed case is to be erased, counted from which date, in words for the erasure record. */
export interface RetentionDue {
  countedFrom: 'release' | 'ending' | 'closing';
  countedFromDate: CalendarDate;
  dueDate: CalendarDate;
  rule: string;
}

/** `date` + the period: months first (the day clamped to a shorter month), then days, as PostgreSQL adds them. */
export function afterPeriod(date: CalendarDate, period: string): CalendarDate {
  const { months, days } = parseRetentionPeriod(period);
  return addDays(addMonths(date, months), days);
}

/**
 * DOMAIN.md (privacy): detention data are deleted a period (RETENTION_PERIOD, 6 months by default) after release.
 * The period runs from the actual release; a case that ended without one (deceased, escaped, extradited) from its
 * ending, else from its closing. An open case is never due (null): the period only starts once it is closed.
 */
export function retentionDue(facts: RetentionFacts, period: string): RetentionDue | null {
  if (facts.phase !== 'closed' || facts.closedDate === null) return null;
  const [countedFrom, countedFromDate]: [RetentionDue['countedFrom'], CalendarDate] = facts.actualReleaseDate
    ? ['release', facts.actualReleaseDate]
    : facts.endedDate
      ? ['ending', facts.endedDate]
      : ['closing', facts.closedDate];
  const after = {
    release: 'release',
    ending: `the ending (${facts.endedReason ?? 'ended'})`,
    closing: 'closing',
  }[countedFrom];
  return {
    countedFrom,
    countedFromDate,
    dueDate: afterPeriod(countedFromDate, period),
    rule: `${describeRetentionPeriod(period)} after ${after} (RETENTION_PERIOD=${period})`,
  };
}

/** Is the case to be erased on `today`? */
export const isDue = (facts: RetentionFacts, period: string, today: CalendarDate): boolean => {
  const due = retentionDue(facts, period);
  return due !== null && due.dueDate <= today;
};
