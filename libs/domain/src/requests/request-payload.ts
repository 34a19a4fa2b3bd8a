import type { CalendarDate } from '../calendar';
import type { BasicCondition, DetentionFacts } from '../detention/detention-facts';
import { BASIC_CONDITIONS } from '../detention/detention-facts';
import type { RequestType } from '../playbook/playbook';
import { CONDITION_REQUEST } from '../readiness/condition-status';

/** The condition a request type is about (the inverse of CONDITION_REQUEST); shared only with consent. */
export const REQUEST_CONDITION = Object.fromEntries(
  Object.entries(CONDITION_REQUEST).map(([condition, type]) => [type, condition]),
) as Partial<Record<RequestType, BasicCondition>>;

/** When a payload field may be shared: always, to government bodies only, or with the detainee's consent. */
export type FieldRule = 'always' | 'government' | 'consent';

export interface PayloadField {
  name: string;
  rule: FieldRule;
  description: string;
}

const COMMON: PayloadField[] = [
  { name: 'caseReference', rule: 'always', description: 'pseudonymous case reference' },
  { name: 'prison', rule: 'always', description: 'prison code, e.g. PI-ALMELO' },
  { name: 'municipality', rule: 'always', description: 'CBS code of the responsible municipality' },
  { name: 'intakeDate', rule: 'always', description: 'start of detention' },
  { name: 'expectedReleaseDate', rule: 'always', description: 'expected release date, or null while unknown' },
  { name: 'casemanager', rule: 'always', description: 'name, e-mail and phone of the prison casemanager' },
  { name: 'person', rule: 'government', description: 'BSN, name and date of birth (government bodies only)' },
];

/**
 * The declared payload of each request type: every partner gets only these fields, and a field marked
 * `government` or `consent` only under that rule. Notices name the help questions of consented conditions.
 */
export const REQUEST_PAYLOAD_FIELDS: Record<RequestType, PayloadField[]> = {
  'detention-start-notice': [
    ...COMMON,
    {
      name: 'helpNeeded',
      rule: 'consent',
      description: 'help needed per basic condition the detainee consented to share',
    },
  ],
  'release-notice': [
    ...COMMON,
    { name: 'releaseDate', rule: 'always', description: 'actual release date' },
    {
      name: 'helpNeeded',
      rule: 'consent',
      description: 'help needed per basic condition the detainee consented to share',
    },
  ],
  'id-application': [
    ...COMMON,
    { name: 'helpNeeded', rule: 'consent', description: '{ id: true } when there is no valid ID document' },
    { name: 'idDocumentExpiry', rule: 'consent', description: 'expiry date of the current ID document, if any' },
  ],
  'housing-request': [...COMMON, { name: 'helpNeeded', rule: 'consent', description: '{ housing: true }' }],
  'debt-help-referral': [
    ...COMMON,
    { name: 'helpNeeded', rule: 'consent', description: '{ debts: true }' },
    { name: 'threateningDebts', rule: 'consent', description: 'true for threatening debts (rent, energy)' },
  ],
  'benefit-pre-application': [...COMMON, { name: 'helpNeeded', rule: 'consent', description: '{ income: true }' }],
  'care-continuity': [...COMMON, { name: 'helpNeeded', rule: 'consent', description: '{ care: true }' }],
};

export interface PayloadSources {
  facts: DetentionFacts;
  person: { bsn: string; name: string; dateOfBirth: CalendarDate };
  casemanager: { name: string; email: string; phone: string };
  caseReference: string;
  /** Government bodies may receive the BSN; others get the pseudonymous case reference only. */
  government: boolean;
}

export interface RequestPayload {
  data: Record<string, unknown>;
  /** The fields disclosed, for the disclosure log. */
  fields: string[];
  /** On which basis they are disclosed. */
  basis: string;
}

/**
 * The purpose-bound, minimal payload of a request: identity only for government bodies, the basic-condition
 * information only where the detainee consented, and nothing about other conditions.
 */
export function buildRequestData(type: RequestType, sources: PayloadSources): RequestPayload {
  const { facts, person, casemanager, caseReference, government } = sources;
  const candidates: Record<string, unknown> = {
    caseReference,
    prison: facts.prison,
    municipality: facts.municipality,
    intakeDate: facts.intakeDate,
    expectedReleaseDate: facts.expectedReleaseDate,
    casemanager: { ...casemanager },
    person: { bsn: person.bsn, name: person.name, dateOfBirth: person.dateOfBirth },
    releaseDate: facts.actualReleaseDate,
  };
  const notice = type === 'detention-start-notice' || type === 'release-notice';
  const condition = REQUEST_CONDITION[type];
  const consented = notice
    ? BASIC_CONDITIONS.filter((c) => facts.consent[c] === true)
    : condition && facts.consent[condition] === true
      ? [condition]
      : [];
  if (consented.length) {
    candidates.helpNeeded = Object.fromEntries(consented.map((c) => [c, facts.needs[c]]));
    if (condition === 'debts' && facts.needs.debtsThreatening) candidates.threateningDebts = true;
    if (condition === 'id') candidates.idDocumentExpiry = facts.idDocumentExpiry;
  }

  const data: Record<string, unknown> = {};
  for (const field of REQUEST_PAYLOAD_FIELDS[type]) {
    if (!(field.name in candidates)) continue;
    if (field.rule === 'government' && !government) continue;
    if (field.rule === 'consent' && !consented.length) continue;
    data[field.name] = candidates[field.name];
  }
  const bases = [
    notice
      ? 'Pbw art. 18a (begin/end-of-detention notice to municipality and probation)'
      : 're-integration task of the recipient',
    ...(consented.length ? [`consent of the detainee (${consented.join(', ')})`] : []),
    ...('person' in data ? ['BSN to a government body'] : []),
  ];
  return { data, fields: Object.keys(data), basis: bases.join('; ') };
}
