/**
 * Calendar dates are dates (`YYYY-MM-DD`), not instants. Arithmetic runs on day numbers (days since
 * 1970-01-01) through Date.UTC, which is deterministic and safe inside the Temporal workflow sandbox.
 */
export type CalendarDate = string;

const DAY_MS = 86_400_000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function parts(date: CalendarDate): [number, number, number] {
  const match = PATTERN.exec(date);
  if (!match) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function toDayNumber(date: CalendarDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function fromDayNumber(day: number): CalendarDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function fromYmd(year: number, month: number, day: number): CalendarDate {
  return fromDayNumber(Date.UTC(year, month - 1, day) / DAY_MS);
}

export const addDays = (date: CalendarDate, days: number): CalendarDate => fromDayNumber(toDayNumber(date) + days);
export const addWeeks = (date: CalendarDate, weeks: number): CalendarDate => addDays(date, weeks * 7);

/** Adds calendar months; the day is clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return fromYmd(year, month, Math.min(d, lastDay));
}

/** Days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: CalendarDate, b: CalendarDate): number => toDayNumber(b) - toDayNumber(a);

export const maxDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a >= b ? a : b);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: CalendarDate): number => new Date(toDayNumber(date) * DAY_MS).getUTCDay();

/** Whole years from `birth` to `on` (the age on that date). */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const [by, bm, bd] = parts(birth);
  const [y, m, d] = parts(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
