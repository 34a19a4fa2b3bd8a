import {
  addDays,
  amsterdamDate,
  caseConditions,
  readinessSummary,
  type ConditionFacts,
  type ConditionRequestRow,
} from '@terugkeer/domain';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const facts = (overrides: Partial<ConditionFacts> = {}): ConditionFacts => ({
  needs: { id: false, housing: true, income: true, debts: false, care: false, bankAccount: false, digid: false },
  consent: { id: true, housing: true, income: true, debts: true, care: true },
  screeningCompletedDate: '2026-11-20',
  expectedReleaseDate: '2027-02-01',
  actualReleaseDate: null,
  idDocumentExpiry: '2030-01-01',
  measurements: {},
  ...overrides,
});
const housing = (status: string, at = '2026-11-25T10:00:00Z'): ConditionRequestRow => ({
  type: 'housing-request',
  status,
  delivery: 'delivered',
  partnerId: 'gm0363-wonen',
  sentAt: '2026-11-21T10:00:00Z',
  closedAt: ['completed', 'declined'].includes(status) ? at : null,
  withdrawnAt: null,
  updatedAt: at,
});
const everything = { shows: () => true };

describe('the readiness summary the dashboard ranks and counts by', () => {
  it('holds the lights of both moments: more than 14 days before release, and within them', () => {
    const { lights } = readinessSummary(facts(), { requests: [housing('acknowledged')], tasks: [] }, NOW);
    expect(lights.normal).toMatchObject({ id: 'green', housing: 'amber', income: 'amber', debts: 'green' });
    expect(lights.urgent).toMatchObject({ id: 'green', housing: 'red', income: 'red', debts: 'green' });
  });

  it('weighs them as releaseRisk does, a condition not shared as amber for those who see only what is shared', () => {
    const f = facts({ consent: { id: false, housing: true, income: false, debts: true, care: true } });
    const { weights } = readinessSummary(f, { requests: [housing('acknowledged')], tasks: [] }, NOW);
    // id green, housing amber, income red (consent refused); within 14 days housing red too. Who sees only what is
    // shared sees housing alone: id and income weigh as amber.
    expect(weights).toEqual({ normal: 4, urgent: 6, sharedNormal: 3, sharedUrgent: 5 });
  });

  it('says at each moment what the one rule says on any day of it', () => {
    const f = facts();
    const related = { requests: [housing('acknowledged')], tasks: [] };
    const { lights } = readinessSummary(f, related, NOW);
    for (const [daysBefore, moment] of [
      [60, 'normal'],
      [15, 'normal'],
      [14, 'urgent'],
      [0, 'urgent'],
      [-3, 'urgent'],
    ] as const) {
      const views = caseConditions(f, everything, related, addDays(f.expectedReleaseDate!, -daysBefore));
      expect(Object.fromEntries(Object.entries(views).map(([c, v]) => [c, v.status]))).toEqual(lights[moment]);
    }
  });

  it('without a release date judges the day it is written, the same at both moments', () => {
    const { lights } = readinessSummary(facts({ expectedReleaseDate: null }), { requests: [], tasks: [] }, NOW);
    expect(lights.urgent).toEqual(lights.normal);
    const views = caseConditions(
      facts({ expectedReleaseDate: null }),
      everything,
      { requests: [], tasks: [] },
      amsterdamDate(NOW),
    );
    expect(lights.normal.housing).toBe(views.housing.status);
  });

  it('counts what was arranged by the day of release, not after it; nothing before release', () => {
    expect(readinessSummary(facts(), { requests: [], tasks: [] }, NOW).releaseOutcome).toBeNull();
    const released = facts({ actualReleaseDate: '2026-11-30', measurements: { release: { income: 'ok' } as never } });
    const resumed = {
      type: 'insurance-resumption',
      status: 'done',
      data: null,
      completedAt: '2026-12-01T09:00:00Z',
      outcome: 'resumed',
    };
    expect(
      readinessSummary(released, { requests: [housing('completed', '2026-11-29T10:00:00Z')], tasks: [resumed] }, NOW)
        .releaseOutcome,
    ).toEqual({ validId: true, housing: true, incomeDecided: true, insuranceResumed: true });
    // Housing arranged only the day after release, the resumption not (yet) done.
    expect(
      readinessSummary(
        released,
        { requests: [housing('completed', '2026-12-01T10:00:00Z')], tasks: [{ ...resumed, status: 'open' }] },
        NOW,
      ).releaseOutcome,
    ).toEqual({ validId: true, housing: false, incomeDecided: true, insuranceResumed: false });
  });
});
