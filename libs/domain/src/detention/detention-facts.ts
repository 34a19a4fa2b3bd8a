import type { CalendarDate } from '../calendar';

/** The five basic conditions (basisvoorwaarden) of the convenant "Richting aan Re-integratie". */
export const BASIC_CONDITIONS = ['id', 'housing', 'income', 'debts', 'care'] as const;
export type BasicCondition = (typeof BASIC_CONDITIONS)[number];

/** Help questions: the five conditions plus bank account and DigiD. `true` = needs help. */
export interface Needs {
  id: boolean;
  housing: boolean;
  income: boolean;
  debts: boolean;
  care: boolean;
  bankAccount: boolean;
  digid: boolean;
  /** Threatening debts (rent, energy): debt help must respond within 3 working days. */
  debtsThreatening?: boolean;
}
export const NEED_KEYS = ['id', 'housing', 'income', 'debts', 'care', 'bankAccount', 'digid'] as const;
export type NeedKey = (typeof NEED_KEYS)[number];

/** Consent per basic condition to share its information (informatieblad); unset = not asked yet. */
export type Consent = Partial<Record<BasicCondition, boolean>>;

/** Traffic-light status of one basic condition, as the screening and aftercare checks record it. */
export const CONDITION_STATUSES = ['ok', 'attention', 'missing'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];
export type ConditionStatuses = Partial<Record<BasicCondition, ConditionStatus>>;

/** Outcome measurement moments, as the national aftercare monitor does. */
export const MEASUREMENT_MOMENTS = ['intake', 'release', 'sixMonths'] as const;
export type MeasurementMoment = (typeof MEASUREMENT_MOMENTS)[number];

export const PROBATION_ORGANISATIONS = ['RN', 'SVG', 'LJR'] as const;
export type ProbationOrganisation = (typeof PROBATION_ORGANISATIONS)[number];

export const ENDING_REASONS = ['deceased', 'escaped', 'extradited', 're-detained', 'other'] as const;
export type EndingReason = (typeof ENDING_REASONS)[number];

export type Phase = 'detained' | 'aftercare' | 'closed';

/** What the planner needs to know about a detention. No personal data: names and BSN live elsewhere. */
export interface DetentionFacts {
  prison: string;
  municipality: string;
  probation: ProbationOrganisation;
  intakeDate: CalendarDate;
  expectedReleaseDate: CalendarDate | null;
  actualReleaseDate: CalendarDate | null;
  screeningCompletedDate: CalendarDate | null;
  needs: Needs;
  consent: Consent;
  idDocumentExpiry: CalendarDate | null;
  ending: { reason: EndingReason; date: CalendarDate } | null;
  /** At release: whether the person has an address to go to (unset before release, and in older detentions). */
  releaseAddressKnown?: boolean | null;
}
