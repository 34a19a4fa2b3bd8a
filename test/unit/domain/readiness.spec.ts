import { conditionStatus, measureAtRelease, type ConditionEvidence } from '@terugkeer/domain';
import { evidence, needs, request } from './condition-evidence';

const id = (expiry: string | null, screened = true): Partial<ConditionEvidence> => ({
  idDocumentExpiry: expiry,
  screeningCompletedDate: screened ? '2026-11-20' : null,
});

describe('readiness: rule 11, the ID light', () => {
  const light = (input: Partial<ConditionEvidence>) =>
    conditionStatus(evidence({ condition: 'id', consent: { id: true }, ...input })).status;

  it('is green only when the document lasts until six months after release, or the application was completed', () => {
    expect(light(id('2027-09-01'))).toBe('green');
    expect(light(id('2027-08-31'))).toBe('red'); // expires before X + 6 months, and nothing applied for
    expect(light({ needs: needs({ id: true }), request: request('completed', 'inbox'), ...id(null) })).toBe('green');
  });

  it('is red for a declined or a missing application, amber while one is under way', () => {
    expect(light({ needs: needs({ id: true }), request: request('declined', 'inbox'), ...id(null) })).toBe('red');
    expect(light({ needs: needs({ id: true }), ...id(null) })).toBe('red'); // screened, and none made
    expect(light({ needs: needs({ id: true }), ...id(null, false) })).toBe('amber'); // the screening is still to come
    expect(light({ needs: needs({ id: true }), request: request('accepted', 'inbox'), ...id(null) })).toBe('amber');
  });

  it('counts a document whose expiry nobody recorded as not proven: red once screened, amber before', () => {
    expect(light(id(null))).toBe('red');
    expect(light(id(null, false))).toBe('amber');
  });

  it('treats a withdrawn application as none: red after a revoked consent', () => {
    const withdrawn = request('withdrawn');
    expect(light({ needs: needs({ id: true }), consent: { id: false }, request: withdrawn, ...id(null) })).toBe('red');
    expect(
      conditionStatus(evidence({ needs: needs({ housing: true }), consent: { housing: false }, request: withdrawn }))
        .status,
    ).toBe('red');
  });
});

describe('readiness: rule 12, the release measurement', () => {
  it('says per condition ok, attention or missing, and what was arranged', () => {
    const measured = measureAtRelease({
      needs: needs({ housing: true, income: true, debts: true }),
      requests: {
        housing: { status: 'accepted', delivery: 'delivered' },
        income: { status: 'acknowledged', delivery: 'delivered' },
        debts: { status: 'declined', delivery: 'delivered' },
      },
      idDocumentExpiry: '2030-01-01',
      releaseDate: '2027-03-01',
    });
    expect(measured.conditions).toEqual({
      id: 'ok',
      housing: 'ok',
      income: 'attention',
      debts: 'missing',
      care: 'ok',
    });
    expect(measured.arranged).toEqual({
      id: 'not-needed',
      housing: 'accepted',
      income: 'acknowledged',
      debts: 'declined',
      care: 'not-needed',
    });
  });
});
