import { isMunicipalityCode, isPrisonCode, isProbationCode } from '@terugkeer/domain';
import { PartnerEntity } from '@terugkeer/persistence';
import type { DataSource } from 'typeorm';

export type OrganisationKind = 'prison' | 'municipality' | 'probation' | 'partner';

/** The roles whose work an organisation's mailboxes hear of, per kind of organisation. */
export const CONTACT_ROLES: Record<OrganisationKind, readonly string[]> = {
  prison: ['casemanager', 'supervisor'],
  municipality: ['municipality', 'supervisor'],
  probation: ['probation', 'supervisor'],
  partner: ['partner'],
};
export const ALL_CONTACT_ROLES = [...new Set(Object.values(CONTACT_ROLES).flat())];

/**
 * What kind of organisation a code names (CONTRACT.md: prisons `PI-…`, municipalities by CBS code, the probation
 * organisations, and the registered partners), or undefined for a code nobody has.
 */
export async function organisationKind(dataSource: DataSource, code: string): Promise<OrganisationKind | undefined> {
  if (isPrisonCode(code)) return 'prison';
  if (isMunicipalityCode(code)) return 'municipality';
  if (isProbationCode(code)) return 'probation';
  return (await dataSource.getRepository(PartnerEntity).existsBy({ id: code })) ? 'partner' : undefined;
}
