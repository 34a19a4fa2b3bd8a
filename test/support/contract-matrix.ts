import type { Role } from '@terugkeer/auth';
import { amsterdamDate } from '@terugkeer/domain';
import type { Fixtures } from './fixtures';
import { intakeBody } from './intake';

/**
 * CONTRACT.md's "who" table as data, for the tests that hold the API to it (the authorisation matrix, the
 * schemathesis run): per operation of the OpenAPI document (`METHOD path`), who may call it and how scope applies.
 */
export const ROLES = ['casemanager', 'municipality', 'probation', 'partner', 'supervisor', 'admin'] as const;
export const READERS: Role[] = ['casemanager', 'municipality', 'probation', 'supervisor'];

/** The org claim per role: in scope of the fixtures (PI-ALMELO, GM0363, RN, gm0363-nazorg), and one that is not. */
export const ORGS: Record<Role, { in: string; out: string }> = {
  casemanager: { in: 'PI-ALMELO', out: 'PI-ROTTERDAM' },
  municipality: { in: 'GM0363', out: 'GM0599' },
  probation: { in: 'RN', out: 'SVG' },
  partner: { in: 'gm0363-nazorg', out: 'gm0599-nazorg' },
  supervisor: { in: '*', out: 'PI-ROTTERDAM' },
  // Admins have no scope: the partner registry and the codec are not personal data by organisation.
  admin: { in: '*', out: '*' },
};

export interface Rule {
  /** The roles CONTRACT.md lets call it; `public` needs no token, `any` any valid token. */
  who: readonly Role[] | 'public' | 'any';
  /** Names a resource of a scope: an out-of-scope caller of an allowed role gets 404. */
  scoped?: boolean;
  /** The exact answer to an out-of-scope caller of an allowed role, where it is not a 404. */
  outOfScope?: number;
  /** A valid body, so that an out-of-scope call gets past validation to the scope check. */
  body?: (f: Fixtures) => object;
  query?: (f: Fixtures) => Record<string, string>;
}

const today = () => amsterdamDate(Date.now());
const reason = 'authorisation matrix';

/** CONTRACT.md v1 and v1.1, "who" column. */
export const TABLE: Record<string, Rule> = {
  'GET /health': { who: 'public' },
  'GET /api/ui-config': { who: 'public' },
  'GET /api/dev/identities': { who: 'public' },
  'POST /api/dev/token': { who: 'public' },
  'GET /api/v1/session': { who: 'any' },
  // An intake for another prison than the caller's is refused outright (403: "register intakes at that prison").
  'POST /api/v1/detentions': { who: ['casemanager'], outOfScope: 403, body: () => intakeBody() },
  'GET /api/v1/detentions': { who: READERS },
  'GET /api/v1/detentions/{id}': { who: READERS, scoped: true },
  'GET /api/v1/detentions/{id}/timeline': { who: READERS, scoped: true },
  'GET /api/v1/detentions/{id}/notes': { who: READERS, scoped: true },
  'POST /api/v1/detentions/{id}/notes': { who: READERS, scoped: true, body: () => ({ text: reason }) },
  'GET /api/v1/detentions/{id}/preview': { who: ['casemanager', 'supervisor'], scoped: true },
  'PUT /api/v1/detentions/{id}/expected-release': {
    who: ['casemanager'],
    scoped: true,
    body: () => ({ expectedReleaseDate: null, reason }),
  },
  'POST /api/v1/detentions/{id}/release': {
    who: ['casemanager'],
    scoped: true,
    body: () => ({ releaseDate: today(), releaseAddressKnown: true }),
  },
  'POST /api/v1/detentions/{id}/transfer': {
    who: ['casemanager'],
    scoped: true,
    body: () => ({ prison: 'PI-ZWOLLE', date: today() }),
  },
  'PUT /api/v1/detentions/{id}/casemanager': {
    who: ['casemanager'],
    scoped: true,
    body: () => ({ name: 'M. Bakker', email: 'm@dji.example', phone: '+31 88 000 0001' }),
  },
  'POST /api/v1/detentions/{id}/municipality': {
    who: ['casemanager', 'municipality'],
    scoped: true,
    body: () => ({ municipality: 'GM0344', reason }),
  },
  // CONTRACT.md says casemanager; DOMAIN.md lets the responsible municipality end and record consent after release.
  'POST /api/v1/detentions/{id}/end': {
    who: ['casemanager', 'municipality'],
    scoped: true,
    body: () => ({ reason: 'other', date: today(), note: reason }),
  },
  'PUT /api/v1/detentions/{id}/consent': {
    who: ['casemanager', 'municipality'],
    scoped: true,
    body: () => ({ housing: true }),
  },
  'GET /api/v1/tasks': { who: READERS },
  'GET /api/v1/tasks/{id}': { who: READERS, scoped: true },
  'POST /api/v1/tasks/{id}/claim': { who: ['casemanager', 'municipality', 'probation'], scoped: true },
  'POST /api/v1/tasks/{id}/unclaim': { who: ['casemanager', 'municipality', 'probation'], scoped: true },
  'POST /api/v1/tasks/{id}/complete': {
    who: ['casemanager', 'municipality', 'probation'],
    scoped: true,
    body: () => ({ outcome: 'done' }),
  },
  'GET /api/v1/requests': { who: ['partner', ...READERS] },
  'POST /api/v1/requests/{id}/responses': { who: ['partner'], scoped: true, body: () => ({ status: 'received' }) },
  'GET /api/v1/dashboard': { who: ['supervisor'] },
  'GET /api/v1/readiness': { who: READERS },
  'GET /api/v1/audit': { who: ['supervisor'], scoped: true, query: (f) => ({ detentionId: f.detentionId }) },
  'GET /api/v1/erasures': { who: ['supervisor'] },
  'GET /api/v1/partners': { who: ['admin'] },
  'POST /api/v1/partners': { who: ['admin'] },
  'GET /api/v1/partners/{id}': { who: ['admin'] },
  'PUT /api/v1/partners/{id}': { who: ['admin'] },
  'POST /api/v1/partners/{id}/secret': { who: ['admin'] },
  // Own organisation only: the path names the caller's (see the matrix); a supervisor of * reads every one.
  'GET /api/v1/organisations/{code}/contacts': { who: [...READERS, 'admin'], scoped: true },
  'PUT /api/v1/organisations/{code}/contacts': {
    who: ['admin'],
    body: () => ({ contacts: [{ role: 'casemanager', email: 'terugkeer@almelo.example', name: 'Team Nazorg' }] }),
  },
  'GET /api/v1/playbooks': { who: ['admin', 'supervisor'] },
  'GET /api/v1/playbooks/{id}/versions/{version}': { who: ['admin', 'supervisor'] },
  'GET /api/v1/playbooks/{id}/diff': { who: ['admin', 'supervisor'], query: () => ({ from: '1', to: '2' }) },
  'POST /api/v1/playbooks/{id}/versions': { who: ['admin'] },
  'POST /codec/decode': { who: ['supervisor', 'admin'] },
  'POST /codec/encode': { who: ['supervisor', 'admin'] },
  'POST /codec/session': { who: ['supervisor', 'admin'] },
  'DELETE /codec/session': { who: ['supervisor', 'admin'] },
};

/** May this role call the operation at all (whatever the scope)? */
export const mayCall = (rule: Rule, role: Role) =>
  rule.who === 'public' || rule.who === 'any' || rule.who.includes(role);
