import { conditionLight, measureAtRelease, type Needs } from '@terugkeer/domain';

const needs = (overrides: Partial<Needs> = {}): Needs => ({
  id: false,
  housing: false,
  income: false,
  debts: false,
  care: false,
  bankAccount: false,
  digid: false,
  ...overrides,
});
const id = (expiry: string | null, screened = true) => ({
  expiry,
  release: '2027-03-01',
  today: '2026-12-01',
  screened,
});

describe('readiness: rule 11, the ID light', () => {
  const light = (input: Partial<Parameters<typeof conditionLight>[0]>) =>
    conditionLight({
      condition: 'id',
      needs: needs(),
      consent: { id: true },
      request: null,
      measured: null,
      daysToRelease: 90,
      ...input,
    });

  it('is green only when the document lasts until six months after release, or the application was completed', () => {
    expect(light({ id: id('2027-09-01') })).toBe('green');
    expect(light({ id: id('2027-08-31') })).toBe('red'); // expires before X + 6 months, and nothing applied for
    expect(
      light({ needs: needs({ id: true }), request: { status: 'completed', delivery: 'inbox' }, id: id(null) }),
    ).toBe('green');
  });

  it('is red for a declined or a missing application, amber while one is under way', () => {
    expect(
      light({ needs: needs({ id: true }), request: { status: 'declined', delivery: 'inbox' }, id: id(null) }),
    ).toBe('red');
    expect(light({ needs: needs({ id: true }), id: id(null) })).toBe('red'); // screened, and none made
    expect(light({ needs: needs({ id: true }), id: id(null, false) })).toBe('amber'); // the screening is still to come
    expect(
      light({ needs: needs({ id: true }), request: { status: 'accepted', delivery: 'inbox' }, id: id(null) }),
    ).toBe('amber');
  });

  it('counts a document whose expiry nobody recorded as not proven: red once screened, amber before', () => {
    expect(light({ id: id(null) })).toBe('red');
    expect(light({ id: id(null, false) })).toBe('amber');
  });

  it('treats a withdrawn application as none: red after a revoked consent', () => {
    const withdrawn = { status: 'withdrawn' as const, delivery: 'delivered' };
    expect(light({ needs: needs({ id: true }), consent: { id: false }, request: withdrawn, id: id(null) })).toBe('red');
    expect(
      conditionLight({
        condition: 'housing',
        needs: needs({ housing: true }),
        consent: { housing: false },
        request: withdrawn,
        measured: null,
        daysToRelease: 90,
      }),
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
