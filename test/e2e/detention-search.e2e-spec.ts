import { intakeBody } from '../support/intake';
import { uniqueBsn } from '../support/people';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

type Item = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The detention list searches part of the name or the case reference, case-insensitive, within scope. */
describe('search in the detention list (API, real stack)', () => {
  let stack: Stack;

  const get = async (path: string, role: string, org: string, status = 200) =>
    stack
      .http()
      .get(path)
      .set('Authorization', await stack.as(role, org))
      .expect(status);

  async function register(overrides: { name: string; prison?: string; municipality?: string; probation?: string }) {
    const { name, ...where } = overrides;
    const base = intakeBody({ person: { bsn: uniqueBsn(), name } });
    const body = { ...base, ...where };
    const res = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await stack.as('casemanager', body.prison))
      .send(body)
      .expect(201);
    return res.body.id as string;
  }

  /** The case reference, once the workflow's first projection has written it. */
  const referenceOf = (id: string, prison: string) =>
    eventually(async () => {
      const { body } = await get(`/api/v1/detentions/${id}`, 'casemanager', prison);
      expect(body.caseReference).toEqual(expect.any(String));
      return body.caseReference as string;
    });

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
  });
  afterAll(() => stack?.close());

  describe('four people in three prisons', () => {
    const ids: Record<string, string> = {};
    let reference: string;

    beforeAll(async () => {
      ids.anna = await register({ name: 'Anna Zoekmeer' });
      ids.bram = await register({ name: 'Bram ZOEKMEER', municipality: 'GM0599' });
      ids.cees = await register({ name: 'Cees Zoekmeer', prison: 'PI-ZWOLLE', municipality: 'GM0193' });
      ids.dirk = await register({ name: 'Dirk 100%_waar' });
      reference = await referenceOf(ids.bram, 'PI-ALMELO');
    });

    const search = async (q: string, role = 'casemanager', org = 'PI-ALMELO', extra = '') => {
      const { body } = await get(`/api/v1/detentions?q=${encodeURIComponent(q)}${extra}`, role, org);
      expect(body.total).toBe(body.items.length);
      return (body.items as Item[]).map((d) => d.id).sort();
    };

    it('finds part of the name or the case reference, case-insensitive, within scope', async () => {
      expect(await search('zoekmeer')).toEqual([ids.anna, ids.bram].sort());
      expect(await search('ANNA ZOEK')).toEqual([ids.anna]);
      expect(await search(reference)).toEqual([ids.bram]);
      expect(await search(reference.slice(3, -1).toLowerCase())).toEqual([ids.bram]);
      expect(await search('zoekmeer', 'casemanager', 'PI-ZWOLLE')).toEqual([ids.cees]);
      expect(await search('zoekmeer', 'municipality', 'GM0599')).toEqual([ids.bram]);
      expect(await search('zoekmeer', 'supervisor', '*')).toEqual([ids.anna, ids.bram, ids.cees].sort());
      expect(await search('niemand')).toEqual([]);
    });

    it('takes LIKE wildcards literally and combines with the other filters', async () => {
      expect(await search('%')).toEqual([ids.dirk]);
      expect(await search('0%_w')).toEqual([ids.dirk]);
      expect(await search('_')).toEqual([ids.dirk]);
      expect(await search('%zoek')).toEqual([]);
      expect(await search('zoekmeer', 'supervisor', '*', '&municipality=GM0599')).toEqual([ids.bram]);
      expect(await search('zoekmeer', 'supervisor', '*', '&prison=PI-ZWOLLE')).toEqual([ids.cees]);
      expect(await search('zoekmeer', 'supervisor', '*', '&status=closed')).toEqual([]);
      const page = (await get('/api/v1/detentions?q=zoekmeer&pageSize=1&page=2', 'supervisor', '*')).body;
      expect(page).toMatchObject({ total: 3, page: 2, pageSize: 1 });
      expect(page.items).toHaveLength(1);
    });

    it('refuses an empty or over-long q with a 400 naming q', async () => {
      const empty = await get('/api/v1/detentions?q=', 'casemanager', 'PI-ALMELO', 400);
      expect(JSON.stringify(empty.body.message)).toMatch(/\bq\b/);
      const long = await get(`/api/v1/detentions?q=${'x'.repeat(101)}`, 'casemanager', 'PI-ALMELO', 400);
      expect(JSON.stringify(long.body.message)).toMatch(/q must be shorter/);
    });

    it('keeps the search text out of the audit log', async () => {
      await search('Zoekmeer');
      const { rows } = await stack.pg.query<{ entry: string }>(
        `SELECT entry FROM audit_log WHERE action = 'read:detentions' ORDER BY seq DESC LIMIT 1`,
      );
      expect(rows[0].entry).not.toMatch(/zoekmeer/i);
    });
  });
});
