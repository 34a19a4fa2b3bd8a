import {
  addDays,
  amsterdamInstant,
  BASIC_CONDITIONS,
  CONDITION_STATUSES,
  conditionStatus,
  missingConditions,
  REQUEST_STATUSES,
  URGENT_DAYS,
  type ConditionEvidence,
  type Light,
} from '@terugkeer/domain';
import fc from 'fast-check';
import { evidence, needs, request } from './condition-evidence';

const housing = (overrides: Partial<ConditionEvidence>) =>
  conditionStatus(evidence({ needs: needs({ housing: true }), consent: { housing: true }, ...overrides }));
const at = (date: string, time = '12:00') => amsterdamInstant(date, time);

describe('conditionStatus: one truth per basic condition, before release', () => {
  it.each<[string, Partial<ConditionEvidence>, Light, string, RegExp]>([
    ['no help needed', { needs: needs() }, 'green', 'not-needed', /no help needed \(screening\)/],
    [
      'no help needed, not screened yet',
      { needs: needs(), screeningCompletedDate: null },
      'green',
      'not-needed',
      /at intake/,
    ],
    ['needed, not screened, nothing asked', { screeningCompletedDate: null }, 'amber', 'no-screening', /no screening/],
    ['needed, screened, nothing asked', {}, 'amber', 'no-request', /no request made yet/],
    ['consent refused', { consent: { housing: false } }, 'red', 'consent-refused', /consent refused/],
    ['request sent', { request: request('sent') }, 'amber', 'request', /sent to gm0363-wonen, not answered/],
    ['request acknowledged', { request: request('acknowledged') }, 'amber', 'request', /acknowledged by/],
    ['request waitlisted', { request: request('waitlisted') }, 'amber', 'request', /waitlisted by/],
    ['request accepted', { request: request('accepted') }, 'green', 'request', /accepted by gm0363-wonen/],
    ['request completed', { request: request('completed') }, 'green', 'request', /completed by gm0363-wonen/],
    ['request declined', { request: request('declined') }, 'red', 'request', /declined by gm0363-wonen/],
    ['delivery failed', { request: request('sent', 'failed') }, 'red', 'request', /could not be delivered/],
    ['delivery rejected', { request: request('sent', 'rejected') }, 'red', 'request', /could not be delivered/],
    [
      'withdrawn, consent revoked',
      { request: request('withdrawn'), consent: { housing: false } },
      'red',
      'consent-refused',
      /consent/,
    ],
    ['withdrawn, still consented', { request: request('withdrawn') }, 'amber', 'no-request', /no request/],
    [
      'release within 14 days, nothing asked',
      { today: addDays('2027-03-01', -URGENT_DAYS) },
      'red',
      'no-request',
      /release within 14 days/,
    ],
    [
      'release within 14 days, request under way',
      { today: addDays('2027-03-01', -3), request: request('acknowledged') },
      'red',
      'request',
      /acknowledged by gm0363-wonen; release within 14 days/,
    ],
    [
      'release within 14 days, not screened',
      { today: '2027-02-27', screeningCompletedDate: null },
      'red',
      'no-screening',
      /no screening yet; release within/,
    ],
    [
      'release in 15 days, request under way',
      { today: addDays('2027-03-01', -URGENT_DAYS - 1), request: request('acknowledged') },
      'amber',
      'request',
      /acknowledged/,
    ],
    [
      'release date unknown, request under way',
      { expectedReleaseDate: null, request: request('sent') },
      'amber',
      'request',
      /sent/,
    ],
  ])('%s → %s (%s)', (_name, input, status, source, reason) => {
    const verdict = housing(input);
    expect(verdict).toMatchObject({ status, source });
    expect(verdict.reason).toMatch(reason);
  });

  it('names the request it rests on: its status, partner and the day its status changed', () => {
    expect(housing({ request: request('completed', 'delivered', at('2026-11-30')) })).toEqual({
      status: 'green',
      source: 'request',
      reason: 'request completed by gm0363-wonen',
      requestStatus: 'completed',
      partnerId: 'gm0363-wonen',
      on: '2026-11-30',
    });
  });

  it('arranges an ID only once issued (completed), not when accepted', () => {
    const idOf = (status: string) =>
      conditionStatus(evidence({ condition: 'id', needs: needs({ id: true }), request: request(status) })).status;
    expect(idOf('accepted')).toBe('amber');
    expect(idOf('completed')).toBe('green');
  });

  it('rests an ID without need on the document: valid until X + 6 months, or not proven', () => {
    const id = (expiry: string | null) => conditionStatus(evidence({ condition: 'id', idDocumentExpiry: expiry }));
    expect(id('2027-09-01')).toMatchObject({ status: 'green', source: 'id-document' });
    expect(id('2027-08-31')).toMatchObject({ status: 'red', source: 'id-document', reason: /not proven valid/ });
    expect(id(null)).toMatchObject({ status: 'red', source: 'id-document' });
  });
});

describe('conditionStatus: after release, the newest evidence wins', () => {
  const released = { actualReleaseDate: '2027-03-01', today: '2027-03-10' };

  it('shows the release measurement when nothing newer is known', () => {
    expect(housing({ ...released, releaseMeasurement: 'attention', request: request('acknowledged') })).toMatchObject({
      status: 'amber',
      source: 'release-measurement',
      reason: 'measured at release: attention',
      on: '2027-03-01',
    });
  });

  it('lets a request completed after the release beat the release measurement (the issue: no contradiction)', () => {
    const after = request('completed', 'delivered', at('2027-03-04'));
    expect(housing({ ...released, releaseMeasurement: 'attention', request: after })).toMatchObject({
      status: 'green',
      source: 'request',
      reason: 'request completed by gm0363-wonen',
    });
    // The same day as the release: the measurement was taken at release, the answer came after it.
    const sameDay = request('declined', 'delivered', at('2027-03-01', '15:00'));
    expect(housing({ ...released, releaseMeasurement: 'ok', request: sameDay }).status).toBe('red');
  });

  it('keeps the release measurement over a request outcome from before the release', () => {
    const before = request('accepted', 'delivered', at('2027-02-20'));
    expect(housing({ ...released, releaseMeasurement: 'missing', request: before }).source).toBe('release-measurement');
  });

  it('lets an aftercare check recorded after release beat the measurement, and a later check beat an earlier one', () => {
    const checks = [
      { status: 'attention' as const, at: at('2027-03-03'), task: 'aftercare-check' as const },
      { status: 'ok' as const, at: at('2027-03-29'), task: 'aftercare-check' as const },
    ];
    expect(housing({ ...released, releaseMeasurement: 'missing', checks })).toMatchObject({
      status: 'green',
      source: 'aftercare-check',
      reason: 'aftercare check: ok',
      on: '2027-03-29',
    });
    expect(housing({ ...released, releaseMeasurement: 'missing', checks: [...checks].reverse() }).on).toBe(
      '2027-03-29',
    );
  });

  it('never lets a request still under way override a measurement or check', () => {
    const check = { status: 'ok' as const, at: at('2027-03-03'), task: 'insurance-resumption' as const };
    const busy = request('acknowledged', 'delivered', at('2027-03-05'));
    expect(housing({ ...released, checks: [check], request: busy })).toMatchObject({
      status: 'green',
      source: 'aftercare-check',
      reason: 'insurance-resumption check: ok',
    });
  });

  it('lets a request outcome after a check count: declined after the check is red', () => {
    const check = { status: 'ok' as const, at: at('2027-03-03'), task: 'aftercare-check' as const };
    const declined = request('declined', 'delivered', at('2027-03-06'));
    expect(housing({ ...released, checks: [check], request: declined }).status).toBe('red');
  });
});

describe('missingConditions', () => {
  it('lists red and amber conditions, not green nor hidden ones, in the order of the conditions', () => {
    expect(
      missingConditions({
        id: { status: 'red' },
        housing: null,
        income: { status: null },
        debts: { status: 'amber' },
        care: { status: 'green' },
      }),
    ).toEqual(['id', 'debts']);
    expect(missingConditions({ housing: { status: 'amber' } })).toEqual(['housing']);
  });
});

const DAY = 86_400_000;
const dateArb = fc.integer({ min: -30, max: 400 }).map((d) => addDays('2027-01-01', d));
const evidenceArb: fc.Arbitrary<ConditionEvidence> = fc
  .record({
    condition: fc.constantFrom(...BASIC_CONDITIONS),
    need: fc.boolean(),
    consent: fc.constantFrom(true, false, undefined),
    screened: fc.boolean(),
    expected: fc.option(dateArb),
    releasedAfter: fc.option(fc.integer({ min: 0, max: 60 })),
    expiry: fc.option(dateArb),
    request: fc.option(
      fc.record({
        status: fc.constantFrom(...REQUEST_STATUSES),
        delivery: fc.constantFrom('inbox', 'pending', 'delivered', 'failed', 'rejected'),
        day: fc.integer({ min: -60, max: 60 }),
      }),
    ),
    measured: fc.option(fc.constantFrom(...CONDITION_STATUSES)),
    checks: fc.array(
      fc.record({ status: fc.constantFrom(...CONDITION_STATUSES), day: fc.integer({ min: 0, max: 200 }) }),
      { maxLength: 3 },
    ),
  })
  .map((r) => {
    const today = '2027-01-01';
    const actual = r.releasedAfter === null ? null : addDays('2026-12-01', r.releasedAfter);
    return evidence({
      condition: r.condition,
      needs: needs({ [r.condition]: r.need }),
      consent: r.consent === undefined ? {} : { [r.condition]: r.consent },
      today,
      screeningCompletedDate: r.screened ? '2026-11-01' : null,
      expectedReleaseDate: r.expected,
      actualReleaseDate: actual,
      idDocumentExpiry: r.expiry,
      request: r.request && {
        status: r.request.status,
        delivery: r.request.delivery,
        partnerId: 'p',
        changedAt: at(today) + r.request.day * DAY,
      },
      releaseMeasurement: actual ? r.measured : null,
      checks: actual
        ? r.checks.map((c) => ({ status: c.status, at: at(actual) + c.day * DAY + 1, task: 'aftercare-check' }))
        : [],
    });
  });

const RANK: Record<Light, number> = { green: 0, amber: 1, red: 2 };

describe('conditionStatus: properties', () => {
  it('always gives a light, a source that fits it, and a reason', () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const v = conditionStatus(e);
        expect(['green', 'amber', 'red']).toContain(v.status);
        expect(v.reason.length).toBeGreaterThan(0);
        if (v.source === 'not-needed') expect(v.status).toBe('green');
        if (v.source === 'consent-refused') expect(v.status).toBe('red');
        if (v.source === 'request') expect(v.requestStatus).not.toBeNull();
      }),
    );
  });

  it('is never green for a needed condition without a request, document, measurement or check that says so', () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const v = conditionStatus(e);
        if (e.needs[e.condition] && v.status === 'green') {
          expect(['request', 'release-measurement', 'aftercare-check']).toContain(v.source);
        }
      }),
    );
  });

  it('treats a withdrawn request as none', () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        if (e.request?.status !== 'withdrawn') return;
        expect(conditionStatus(e)).toEqual(conditionStatus({ ...e, request: null }));
      }),
    );
  });

  it('before release, never gets better as the release comes closer', () => {
    fc.assert(
      fc.property(evidenceArb, fc.integer({ min: 1, max: 60 }), (e, closer) => {
        if (e.actualReleaseDate || !e.expectedReleaseDate) return;
        const later = conditionStatus(e).status;
        const sooner = conditionStatus({ ...e, today: addDays(e.today, closer) }).status;
        expect(RANK[sooner]).toBeGreaterThanOrEqual(RANK[later]);
      }),
    );
  });

  it('after release, a check newer than everything else decides', () => {
    fc.assert(
      fc.property(evidenceArb, fc.constantFrom(...CONDITION_STATUSES), (e, status) => {
        if (!e.actualReleaseDate) return;
        const newest = Math.max(at(e.actualReleaseDate), e.request?.changedAt ?? 0, ...e.checks.map((c) => c.at)) + 1;
        const v = conditionStatus({ ...e, checks: [...e.checks, { status, at: newest, task: 'aftercare-check' }] });
        expect(v).toMatchObject({
          source: 'aftercare-check',
          status: { ok: 'green', attention: 'amber', missing: 'red' }[status],
        });
      }),
    );
  });

  it('does not depend on the order the checks are given in', () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        expect(conditionStatus({ ...e, checks: [...e.checks].reverse() })).toEqual(conditionStatus(e));
      }),
    );
  });
});
