/** The roles of CONTRACT.md; the `org` claim means something different for each (see {@link Principal}). */
export const ROLES = ['casemanager', 'municipality', 'probation', 'partner', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who is calling, from a verified token.
 * `org` is a prison code for a casemanager, a CBS code for a municipality, `RN`/`SVG`/`LJR` for probation,
 * a partner id for a partner, `*` or a prison/CBS code for a supervisor, and `*` for an admin.
 */
export interface Principal {
  sub: string;
  role: Role;
  org: string;
  /** The optional `name` claim: a display name for what the caller writes (a case note's author). */
  name?: string;
}
