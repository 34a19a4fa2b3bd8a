import { addDays, fromYmd, weekday, type CalendarDate } from './calendar-date';

/** Easter Sunday (Gregorian calendar; anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromYmd(year, month, day);
}

const cache = new Map<number, ReadonlySet<CalendarDate>>();

/**
 * The generally recognised public holidays of the Algemene termijnenwet (art. 3), which decide working-day
 * deadlines: New Year's Day, Easter Monday, King's Day (27 April, or 26 April when the 27th is a Sunday),
 * 5 May, Ascension Day, Whit Monday, and both Christmas days. (Easter and Whit Sunday are Sundays anyway;
 * Good Friday is not a holiday under this act.)
 */
export function dutchPublicHolidays(year: number): ReadonlySet<CalendarDate> {
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const kingsDay = weekday(fromYmd(year, 4, 27)) === 0 ? fromYmd(year, 4, 26) : fromYmd(year, 4, 27);
  const holidays = new Set<CalendarDate>([
    fromYmd(year, 1, 1),
    addDays(easter, 1),
    kingsDay,
    fromYmd(year, 5, 5),
    addDays(easter, 39),
    addDays(easter, 50),
    fromYmd(year, 12, 25),
    fromYmd(year, 12, 26),
  ]);
  cache.set(year, holidays);
  return holidays;
}

export function isDutchPublicHoliday(date: CalendarDate): boolean {
  return dutchPublicHolidays(Number(date.slice(0, 4))).has(date);
}
