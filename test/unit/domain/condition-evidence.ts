import type { ConditionEvidence, Needs } from '@terugkeer/domain';

export const needs = (overrides: Partial<Needs> = {}): Needs => ({
  id: false,
  housing: false,
  income: false,
  debts: false,
  care: false,
  bankAccount: false,
  digid: false,
  ...overrides,
});

/** One condition's evidence: 90 days before an expected release on 2027-03-01, screened, nothing asked. */
export const evidence = (overrides: Partial<ConditionEvidence> = {}): ConditionEvidence => ({
  condition: 'housing',
  needs: needs(),
  consent: {},
  today: '2026-12-01',
  screeningCompletedDate: '2026-11-20',
  expectedReleaseDate: '2027-03-01',
  actualReleaseDate: null,
  idDocumentExpiry: null,
  request: null,
  releaseMeasurement: null,
  checks: [],
  ...overrides,
});

export const request = (status: string, delivery = 'delivered', changedAt = Date.parse('2026-12-01T10:00:00Z')) => ({
  status: status as never,
  delivery,
  partnerId: 'gm0363-wonen',
  changedAt,
});
