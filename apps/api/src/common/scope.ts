import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@terugkeer/auth';

export interface SqlScope {
  /** A condition on the detentions table aliased `d`, with named parameters. */
  where: string;
  params: Record<string, unknown>;
  /** Every detention (a national supervisor, erased cases included): a join only for the scope can go. */
  everything?: boolean;
}

/**
 * Which detentions a caller may read (CONTRACT.md): a casemanager those of their prison, a municipality those it
 * is responsible for, probation those assigned to it, a supervisor everything or their prison / municipality.
 * Partners and admins read no detentions (403).
 */
export function detentionScope(principal: Principal, { withErased = false } = {}): SqlScope {
  const { role, org } = principal;
  // An erased case (retention) is gone for every reader; only the dashboard's anonymous figures ask `withErased`.
  const live = withErased ? '' : ' AND d.erased_at IS NULL';
  switch (role) {
    case 'casemanager':
      return { where: `(d.prison = :scopeOrg${live})`, params: { scopeOrg: org } };
    case 'municipality':
      return { where: `(d.municipality = :scopeOrg${live})`, params: { scopeOrg: org } };
    case 'probation':
      return { where: `(d.probation = :scopeOrg${live})`, params: { scopeOrg: org } };
    case 'supervisor':
      if (org === '*') return { where: `(TRUE${live})`, params: {}, everything: withErased };
      return org.startsWith('PI-')
        ? { where: `(d.prison = :scopeOrg${live})`, params: { scopeOrg: org } }
        : { where: `(d.municipality = :scopeOrg${live})`, params: { scopeOrg: org } };
    default:
      throw new ForbiddenException(`Role '${role}' may not read detentions`);
  }
}

/** May this role see the BSN? Only the government bodies that work with the person. */
export const seesBsn = (principal: Principal) => ['casemanager', 'municipality', 'probation'].includes(principal.role);

/**
 * Does this caller see what the detainee shared about each basic condition whatever the consent? The prison does
 * (it screened them); the municipality and probation, and supervisors on their side, see a condition's need and
 * status only while the detainee consents to share it (DOMAIN.md: privacy; rule 5).
 */
export const seesAllConditions = (principal: Principal) =>
  principal.role === 'casemanager' ||
  (principal.role === 'supervisor' && (principal.org === '*' || principal.org.startsWith('PI-')));
