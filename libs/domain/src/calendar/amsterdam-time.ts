import { fromDayNumber, fromYmd, toDayNumber, weekday, type CalendarDate } from './calendar-date';

/**
 * "Which day is it" is decided in Europe/Amsterdam. The rule is coded here (EU summer time: from the last
 * Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, UTC+2; otherwise UTC+1) so that workflow
 * code does not depend on the time-zone database of the machine it replays on.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function lastSunday(year: number, month: number): number {
  const last = fromYmd(year, month + 1, 0);
  return toDayNumber(last) - weekday(last);
}

export function amsterdamOffsetMs(instant: number): number {
  const year = new Date(instant).getUTCFullYear();
  const start = lastSunday(year, 3) * DAY_MS + HOUR_MS;
  const end = lastSunday(year, 10) * DAY_MS + HOUR_MS;
  return instant >= start && instant < end ? 2 * HOUR_MS : HOUR_MS;
}

/** The calendar date in Amsterdam at an instant (ms since epoch). */
export function amsterdamDate(instant: number): CalendarDate {
  return fromDayNumber(Math.floor((instant + amsterdamOffsetMs(instant)) / DAY_MS));
}

/** The instant of a local Amsterdam wall-clock time (`HH:MM`) on a date. */
export function amsterdamInstant(date: CalendarDate, time = '00:00'): number {
  const [h, m] = time.split(':').map(Number);
  const wallAsUtc = toDayNumber(date) * DAY_MS + h * HOUR_MS + m * 60_000;
  // The offset at the guessed instant is right except within the hour of a transition, which our times avoid.
  return wallAsUtc - amsterdamOffsetMs(wallAsUtc - HOUR_MS);
}
