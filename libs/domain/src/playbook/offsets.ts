import { addDays, addMonths, addWeeks, addWorkingDays, type CalendarDate } from '../calendar';
import type { Offset } from './playbook';

/** Applies an offset: months, then weeks, then days, then working days. */
export function applyOffset(date: CalendarDate, offset: Offset = {}): CalendarDate {
  let result = date;
  if (offset.months) result = addMonths(result, offset.months);
  if (offset.weeks) result = addWeeks(result, offset.weeks);
  if (offset.days) result = addDays(result, offset.days);
  if (offset.workingDays) result = addWorkingDays(result, offset.workingDays);
  return result;
}

export function scaleOffset(offset: Offset, factor: number): Offset {
  const scaled: Offset = {};
  for (const key of ['months', 'weeks', 'days', 'workingDays'] as const) {
    if (offset[key]) scaled[key] = offset[key]! * factor;
  }
  return scaled;
}

/** `+12w`, `−2w`, `+10wd`, `+6m`: the notation of the playbook table. */
export function formatOffset(offset: Offset = {}): string {
  const units: [keyof Offset, string][] = [
    ['months', 'm'],
    ['weeks', 'w'],
    ['days', 'd'],
    ['workingDays', 'wd'],
  ];
  return units
    .filter(([key]) => offset[key])
    .map(([key, unit]) => `${offset[key]! < 0 ? '−' : '+'}${Math.abs(offset[key]!)}${unit}`)
    .join('');
}
