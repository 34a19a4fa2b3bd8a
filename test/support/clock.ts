import {
  amsterdamDate,
  amsterdamInstant,
  DEFAULT_PLAYBOOK,
  isWorkingDay,
  onOrAfterWorkingDay,
} from '@terugkeer/domain';

/**
 * E2e and browser tests run on the wall clock. A step due today fires at 06:00 Amsterdam time on a working day
 * (rule 10): between midnight and six, and on weekends and holidays, what a test does "today" waits for that moment.
 * Tests that depend on such a step ask this, and assert the plan instead when it has to wait.
 */
export function stepsOfTodayFireNow(now = Date.now()): boolean {
  const today = amsterdamDate(now);
  return isWorkingDay(today) && now >= amsterdamInstant(today, DEFAULT_PLAYBOOK.fireAtLocalTime);
}

/** The date a step due today waits for when it cannot fire now. */
export const nextFiringDay = (now = Date.now()): string => onOrAfterWorkingDay(amsterdamDate(now));
