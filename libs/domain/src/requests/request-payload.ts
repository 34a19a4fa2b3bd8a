import type { CalendarDate } from '../calendar';
import type { BasicCondition, DetentionFacts } from '../detention/detention-facts';
import { BASIC_CONDITIONS } from '../detention/detention-facts';
import type { RequestType } from '../playbook/playbook';

/** The condition a request type is about; its information is shared only with consent. */
export const REQUEST_CONDITION: Partial<Record<RequestType, BasicCondition>> = {
  'id-application': 'id',
  'housing-request': 'housing',
  'debt-help-referral': 'debts',
  'benefit-pre-application': 'income',
  'care-continuity': 'care',
};

export interface PayloadSources {
  facts: DetentionFacts;
  person: { bsn: string; name: string; dateOfBirth: CalendarDate };
  casemanager: { name: string; email: string; phone: string };
  caseReference: string;
  /** Government bodies may receive the BSN; others get the pseudonymous case reference only. */
  government: boolean;
}

/**
 * The purpose-bound, minimal payload of a request: identity only for government bodies, the basic-condition
 * information only where the detainee consented, and nothing about other conditions.
 */
export function buildRequestData(
  type: RequestType,
  { facts, person, casemanager, caseReference, government }: PayloadSources,
) {
  const data: Record<string, unknown> = {
    caseReference,
    prison: facts.prison,
    municipality: facts.municipality,
    intakeDate: facts.intakeDate,
    expectedReleaseDate: facts.expectedReleaseDate,
    casemanager: { ...casemanager },
  };
  if (government) data.person = { bsn: person.bsn, name: person.name, dateOfBirth: person.dateOfBirth };
  if (type === 'release-notice') data.releaseDate = facts.actualReleaseDate;
  if (type === 'detention-start-notice' || type === 'release-notice') {
    // Begin/end notices need no consent (Pbw art. 18a); help questions only per consented condition.
    const consented = BASIC_CONDITIONS.filter((c) => facts.consent[c] === true);
    if (consented.length) data.helpNeeded = Object.fromEntries(consented.map((c) => [c, facts.needs[c]]));
    return data;
  }
  const condition = REQUEST_CONDITION[type];
  if (condition && facts.consent[condition] === true) {
    data.helpNeeded = { [condition]: facts.needs[condition] };
    if (condition === 'debts' && facts.needs.debtsThreatening) data.threateningDebts = true;
    if (condition === 'id') data.idDocumentExpiry = facts.idDocumentExpiry;
  }
  return data;
}
