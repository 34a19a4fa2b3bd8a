import type { Role } from '@terugkeer/auth';
import { mayCall, ORGS, ROLES, TABLE } from '../support/contract-matrix';
import { registerFixtures, type Fixtures } from '../support/fixtures';
import { seedPartners, startStack, type Stack } from '../support/stack';

/**
 * The authorisation matrix, generated from the OpenAPI document: every operation it declares is called without a
 * token and, for every role, with a token in scope of real resources and with one of another organisation of that
 * role. The expectations are CONTRACT.md's "who" table, written down in test/support/contract-matrix.ts (the
 * contract is the oracle, not the code): another role → 403; outside the caller's scope → 404 for a resource named
 * by id; no token → 401. An operation the table does not name fails the test, so a new route cannot ship without
 * its row.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type Method = (typeof METHODS)[number];
interface Operation {
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface OpenApi {
  paths: Record<string, Partial<Record<Method, Operation>>>;
}

/** Every operation of the document as `METHOD path`. */
const operationsOf = (doc: OpenApi) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
  );

/** The path with real ids: each role's own task; the fixture detention, request and partner. */
function concretePath(template: string, role: Role | undefined, f: Fixtures): string {
  const withIds = template.replace('{id}', () => {
    if (template.startsWith('/api/v1/detentions/')) return f.detentionId;
    if (template.startsWith('/api/v1/tasks/')) return f.tasks[role as keyof Fixtures['tasks']] ?? f.tasks.casemanager;
    if (template.startsWith('/api/v1/requests/')) return f.requestId;
    if (template.startsWith('/api/v1/partners/')) return f.partnerId;
    if (template.startsWith('/api/v1/playbooks/')) return 'default';
    throw new Error(`the matrix has no real id for ${template}: add a fixture`);
  });
  // The caller's own organisation (its registry is in scope), for roles without one a prison.
  const own = role && ['casemanager', 'municipality', 'probation'].includes(role) ? ORGS[role].in : 'PI-ALMELO';
  const path = withIds.replace('{code}', own).replace('{version}', '1');
  if (path.includes('{')) throw new Error(`the matrix cannot fill the parameters of ${template}`);
  return path;
}

describe('authorisation matrix from the OpenAPI document (real stack)', () => {
  let stack: Stack;
  let doc: OpenApi;
  let fixtures: Fixtures;

  beforeAll(async () => {
    stack = await startStack({ env: { DEV_LOGIN: 'true' } });
    await seedPartners(stack.pg);
    fixtures = await registerFixtures(stack);
    doc = (await stack.http().get('/api/docs-json').expect(200)).body as OpenApi;
  });
  afterAll(() => stack?.close());

  it('has a row for every operation of the document, and the document every operation of the table', () => {
    const operations = operationsOf(doc);
    expect(operations.filter((op) => !(op in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((op) => !operations.includes(op))).toEqual([]);
  });

  it('declares the schema of every answer: a success body, and each error it can give in the one error shape', () => {
    const problems: string[] = [];
    for (const op of operationsOf(doc).filter((o) => o in TABLE)) {
      const [method, path] = op.split(' ') as [string, string];
      const operation = doc.paths[path][method.toLowerCase() as Method]!;
      const responses = operation.responses ?? {};
      const schemaOf = (status: string) => responses[status]?.content?.['application/json']?.schema;
      const success = Object.keys(responses).filter((status) => status.startsWith('2'));
      if (!success.length) problems.push(`${op}: no success status`);
      for (const status of success.filter((s) => s !== '204' && !schemaOf(s)))
        problems.push(`${op} ${status}: no schema`);
      const rule = TABLE[op];
      const errors = [
        ...(rule.who === 'public' ? [] : [401]),
        ...(Array.isArray(rule.who) ? [403] : []),
        ...(rule.scoped ? [404] : []),
        ...(operation.parameters?.length || operation.requestBody ? [400] : []),
        ...(operation.requestBody ? [413] : []),
        // The health check is not rate limited: orchestrators poll it.
        ...(path === '/health' ? [] : [429]),
      ];
      for (const status of errors.map(String)) {
        if (!responses[status]) problems.push(`${op}: ${status} not declared`);
        else if (schemaOf(status)?.$ref !== '#/components/schemas/ErrorDto')
          problems.push(`${op} ${status}: not ErrorDto`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(Object.keys(TABLE))('%s answers every role as CONTRACT.md says', async (operation) => {
    const rule = TABLE[operation];
    const [method, template] = operation.split(' ') as [string, string];
    const hasBody = doc.paths[template]?.[method.toLowerCase() as Method]?.requestBody !== undefined;
    const call = async (role?: Role, org?: string, validBody = false) => {
      let req = stack.http()[method.toLowerCase() as Method](concretePath(template, role, fixtures));
      if (rule.query) req = req.query(rule.query(fixtures));
      if (role) req = req.set('Authorization', await stack.as(role, org!));
      // In scope a probe body is enough (400 shows the call got past the guard); out of scope it must be valid.
      if (hasBody) req = req.send(validBody && rule.body ? rule.body(fixtures) : { matrixProbe: true });
      return (await req).status;
    };
    const problems: string[] = [];
    const expectThat = (who: string, status: number, ok: boolean, want: string) => {
      if (!ok) problems.push(`${who}: got ${status}, want ${want}`);
    };
    const anonymous = await call();
    if (rule.who === 'public') expectThat('no token', anonymous, ![401, 403].includes(anonymous), 'not 401/403');
    else expectThat('no token', anonymous, anonymous === 401, '401');
    for (const role of ROLES) {
      const allowed = mayCall(rule, role);
      const inScope = await call(role, ORGS[role].in);
      const outOfScope = await call(role, ORGS[role].out, true);
      if (!allowed) {
        expectThat(`${role} (another role)`, inScope, inScope === 403, '403');
        expectThat(`${role} of ${ORGS[role].out} (another role)`, outOfScope, outOfScope === 403, '403');
        continue;
      }
      const reached = ![401, 403, 404].includes(inScope) && inScope < 500;
      expectThat(`${role} of ${ORGS[role].in} (in scope)`, inScope, reached, 'not 401/403/404/5xx');
      const wantOut = rule.outOfScope ?? (rule.scoped && ORGS[role].out !== ORGS[role].in ? 404 : undefined);
      if (wantOut !== undefined) {
        expectThat(`${role} of ${ORGS[role].out} (out of scope)`, outOfScope, outOfScope === wantOut, `${wantOut}`);
      } else {
        const fine = ![401, 403].includes(outOfScope) && outOfScope < 500;
        expectThat(`${role} of ${ORGS[role].out}`, outOfScope, fine, 'not 401/403/5xx');
      }
    }
    expect(problems).toEqual([]);
  });
});
