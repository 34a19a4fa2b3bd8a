import {
  addMonths,
  addWorkingDays,
  ageOn,
  amsterdamDate,
  amsterdamInstant,
  dutchPublicHolidays,
  easterSunday,
  isCalendarDate,
  isWorkingDay,
} from '@terugkeer/domain';

describe('calendar dates', () => {
  it.each([
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
  ])('%s is a calendar date: %s', (value, valid) => expect(isCalendarDate(value)).toBe(valid));

  it('adds months clamping to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('computes ages on a date', () => {
    expect(ageOn('2008-11-25', '2026-11-25')).toBe(18);
    expect(ageOn('2008-11-26', '2026-11-25')).toBe(17);
  });
});

describe('Dutch public holidays (Algemene termijnenwet)', () => {
  it('finds Easter', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2024)).toBe('2024-03-31');
  });

  it('lists the holidays of 2026', () => {
    expect([...dutchPublicHolidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-06', // Easter Monday
      '2026-04-27', // King's Day
      '2026-05-05', // Liberation Day
      '2026-05-14', // Ascension Day
      '2026-05-25', // Whit Monday
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it("moves King's Day to the 26th when the 27th is a Sunday", () => {
    expect(dutchPublicHolidays(2025).has('2025-04-26')).toBe(true);
    expect(dutchPublicHolidays(2025).has('2025-04-27')).toBe(false);
  });
});

describe('working days', () => {
  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-28');
    expect(addWorkingDays('2026-04-02', 2)).toBe('2026-04-07'); // Thu → Fri, (weekend, Easter Monday) → Tue
    expect(addWorkingDays('2026-11-20', 5)).toBe('2026-11-27');
    expect(addWorkingDays('2026-11-27', -5)).toBe('2026-11-20');
    expect(addWorkingDays('2026-11-28', 0)).toBe('2026-11-28');
  });
});

describe('Europe/Amsterdam', () => {
  it('decides the day in Amsterdam, summer and winter time', () => {
    expect(amsterdamDate(Date.parse('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(amsterdamDate(Date.parse('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(amsterdamDate(Date.parse('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('converts a local wall-clock time to an instant, across the transitions', () => {
    expect(new Date(amsterdamInstant('2026-07-01', '06:00')).toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(new Date(amsterdamInstant('2026-01-15', '06:00')).toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(new Date(amsterdamInstant('2026-03-29', '06:00')).toISOString()).toBe('2026-03-29T04:00:00.000Z');
    expect(new Date(amsterdamInstant('2026-10-25', '06:00')).toISOString()).toBe('2026-10-25T05:00:00.000Z');
    expect(new Date(amsterdamInstant('2026-03-29', '00:00')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });
});
