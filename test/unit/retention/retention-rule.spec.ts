import { describeRetentionPeriod, parseRetentionPeriod } from '@terugkeer/config';
import {
  afterPeriod,
  isDue,
  retentionDue,
  type RetentionFacts,
} from '../../../apps/worker/src/retention/retention-rule';

const closed = (facts: Partial<RetentionFacts>): RetentionFacts => ({
  phase: 'closed',
  actualReleaseDate: null,
  endedReason: null,
  endedDate: null,
  closedDate: '2027-03-10',
  ...facts,
});

describe('the retention rule', () => {
  it('counts the period from the actual release, whatever ended the case later', () => {
    const facts = closed({ actualReleaseDate: '2026-09-01', closedDate: '2027-03-04' });
    expect(retentionDue(facts, 'P6M')).toEqual({
      countedFrom: 'release',
      countedFromDate: '2026-09-01',
      dueDate: '2027-03-01',
      rule: '6 months after release (RETENTION_PERIOD=P6M)',
    });
    // Re-detained during aftercare: still from the release.
    const redetained = closed({ actualReleaseDate: '2026-09-01', endedReason: 're-detained', endedDate: '2026-10-01' });
    expect(retentionDue(redetained, 'P6M')).toMatchObject({ countedFrom: 'release', dueDate: '2027-03-01' });
    expect(isDue(facts, 'P6M', '2027-02-28')).toBe(false);
    expect(isDue(facts, 'P6M', '2027-03-01')).toBe(true);
  });

  it('counts from the ending when the case ended without a release (deceased, escaped, extradited)', () => {
    const facts = closed({ endedReason: 'deceased', endedDate: '2026-12-15', closedDate: '2026-12-15' });
    expect(retentionDue(facts, 'P6M')).toEqual({
      countedFrom: 'ending',
      countedFromDate: '2026-12-15',
      dueDate: '2027-06-15',
      rule: '6 months after the ending (deceased) (RETENTION_PERIOD=P6M)',
    });
    expect(isDue(facts, 'P6M', '2027-06-14')).toBe(false);
    expect(isDue(facts, 'P6M', '2027-06-15')).toBe(true);
  });

  it('counts from the closing when there is neither', () => {
    expect(retentionDue(closed({ closedDate: '2027-01-31' }), 'P1M')).toMatchObject({
      countedFrom: 'closing',
      countedFromDate: '2027-01-31',
      // Clamped to the end of the shorter month, as PostgreSQL does.
      dueDate: '2027-02-28',
      rule: '1 month after closing (RETENTION_PERIOD=P1M)',
    });
  });

  it('never makes an open case due, however old', () => {
    for (const phase of ['detained', 'aftercare']) {
      const open = closed({ phase, actualReleaseDate: '2020-01-01', closedDate: null });
      expect(retentionDue(open, 'P6M')).toBeNull();
      expect(isDue(open, 'P6M', '2030-01-01')).toBe(false);
    }
    expect(isDue(closed({ closedDate: null }), 'P6M', '2030-01-01')).toBe(false);
  });

  it('follows a configured longer legal basis', () => {
    const facts = closed({ actualReleaseDate: '2026-09-01' });
    expect(isDue(facts, 'P6M', '2027-03-01')).toBe(true);
    expect(isDue(facts, 'P2Y', '2027-03-01')).toBe(false);
    expect(retentionDue(facts, 'P2Y')).toMatchObject({
      dueDate: '2028-09-01',
      rule: '24 months after release (RETENTION_PERIOD=P2Y)',
    });
  });
});

describe('retention periods', () => {
  it('reads ISO 8601 periods of years, months, weeks and days, months first', () => {
    expect(parseRetentionPeriod('P6M')).toEqual({ months: 6, days: 0 });
    expect(parseRetentionPeriod('P1Y6M')).toEqual({ months: 18, days: 0 });
    expect(parseRetentionPeriod('P2W3D')).toEqual({ months: 0, days: 17 });
    expect(afterPeriod('2026-08-31', 'P6M1D')).toBe('2027-03-01');
    expect(describeRetentionPeriod('P1M1D')).toBe('1 month and 1 day');
    expect(() => parseRetentionPeriod('6 months')).toThrow(RangeError);
    expect(() => parseRetentionPeriod('P')).toThrow(RangeError);
  });
});
