import type { DetentionEntity, OrganisationContactsEntity } from '@terugkeer/persistence';

/** The organisations whose registered contacts a case shows: its municipality and its probation organisation. */
export const contactOrganisations = (row: Pick<DetentionEntity, 'municipality' | 'probation'>) => [
  row.municipality,
  row.probation,
];

/**
 * Whom to call about a case: its casemanager, and the contact registry's mailboxes of the case's municipality and
 * probation organisation for their working role. The supervisors' mailboxes are for oversight, not for the case.
 * Whoever may read the case sees them (the scope of the detention, not of the registry).
 */
export function caseContacts(
  row: Pick<DetentionEntity, 'prison' | 'municipality' | 'probation' | 'casemanager'>,
  registry: Pick<OrganisationContactsEntity, 'code' | 'contacts'>[],
) {
  const registered = (organisation: string, role: 'municipality' | 'probation') =>
    (registry.find((r) => r.code === organisation)?.contacts ?? [])
      .filter((c) => c.role === role)
      .map((c) => ({ organisation, role, name: c.name, email: c.email, phone: c.phone ?? null }));
  const { name, email, phone } = row.casemanager;
  return [
    { organisation: row.prison, role: 'casemanager', name, email, phone: phone || null },
    ...registered(row.municipality, 'municipality'),
    ...registered(row.probation, 'probation'),
  ];
}
