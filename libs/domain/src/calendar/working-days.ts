import { addDays, weekday, type CalendarDate } from './calendar-date';
import { isDutchPublicHoliday } from './dutch-holidays';

/** Monday to Friday, Dutch public holidays excluded. */
export function isWorkingDay(date: CalendarDate): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !isDutchPublicHoliday(date);
}

/**
 * Moves `count` working days from `date` (backwards when negative). Zero returns the date itself, even when
 * that is not a working day: "due I+0wd" is the intake day.
 */
export function addWorkingDays(date: CalendarDate, count: number): CalendarDate {
  const step = count < 0 ? -1 : 1;
  let remaining = Math.abs(count);
  let current = date;
  while (remaining > 0) {
    current = addDays(current, step);
    if (isWorkingDay(current)) remaining--;
  }
  return current;
}

/** The date itself when it is a working day, else the next working day. */
export function onOrAfterWorkingDay(date: CalendarDate): CalendarDate {
  return isWorkingDay(date) ? date : addWorkingDays(date, 1);
}

/** The date itself when it is a working day, else the working day before it. */
export function onOrBeforeWorkingDay(date: CalendarDate): CalendarDate {
  return isWorkingDay(date) ? date : addWorkingDays(date, -1);
}
