import { addDays, amsterdamDate, BASIC_CONDITIONS, onOrBeforeWorkingDay } from '@terugkeer/domain';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

const today = () => amsterdamDate(Date.now());
type Item = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The case: the partner completed the housing request, and every screen says so. The detention page, the
 * supervisor's dashboard and the readiness list of each role decide each condition by the same rule.
 */
describe('readiness per role, and one truth per condition on every screen (API, real stack)', () => {
  let stack: Stack;
  const ids: Record<string, string> = {};
  let reference: string;

  const get = async (path: string, role: string, org: string, status = 200, sub?: string) => {
    const auth = await stack.as(role, org, sub);
    return stack.http().get(path).set('Authorization', auth).expect(status);
  };

  async function register(key: string, prison: string, name: string, bsn: string, release: number, consent: object) {
    const res = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await stack.as('casemanager', prison))
      .send({
        person: { bsn, name, dateOfBirth: '1985-01-01' },
        prison,
        municipality: 'GM0363',
        probation: 'RN',
        intakeDate: onOrBeforeWorkingDay(addDays(today(), -1)),
        expectedReleaseDate: addDays(today(), release),
        casemanager: { name: 'C', email: 'c@dji.example', phone: '+31 88 000 0000' },
        needs: { id: false, housing: true, income: true, debts: false, care: false, bankAccount: false, digid: false },
        idDocumentExpiry: addDays(today(), 3 * 365),
        consent,
      })
      .expect(201);
    ids[key] = res.body.id;
  }

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    // A stay of under four weeks with consent at intake: its housing request goes out at intake (rule 9).
    const consent = { id: true, housing: true, income: false, debts: true, care: true };
    await register('soon', 'PI-ALMELO', 'Anna Readiness', '123456782', 10, consent);
    await register('later', 'PI-ALMELO', 'Bram Later', '111222333', 200, consent);
    await register('zwolle', 'PI-ZWOLLE', 'Cees Zwolle', '999999990', 5, consent);
    const partner = await stack.as('partner', 'gm0363-nazorg');
    const housing = await eventually(async () => {
      const { body } = await stack
        .http()
        .get('/api/v1/requests?type=housing-request')
        .set('Authorization', partner)
        .expect(200);
      const own = body.items.find((r: Item) => r.detentionId === ids.soon);
      expect(own).toBeDefined();
      return own;
    });
    for (const status of ['accepted', 'completed']) {
      await stack
        .http()
        .post(`/api/v1/requests/${housing.id}/responses`)
        .set('Authorization', partner)
        .send({ status })
        .expect(200);
    }
    reference = await eventually(async () => {
      const { body } = await get(`/api/v1/detentions/${ids.soon}`, 'casemanager', 'PI-ALMELO', 200);
      expect(body.caseReference).toEqual(expect.any(String));
      return body.caseReference;
    });
  });
  afterAll(() => stack?.close());

  const pick = (c: Item) => ({ status: c.status, source: c.source, reason: c.reason });

  it('says the same of each condition on the detention page, the dashboard and the readiness list', async () => {
    const view = await eventually(async () => {
      const { body } = await get(`/api/v1/detentions/${ids.soon}`, 'casemanager', 'PI-ALMELO', 200);
      expect(body.basicConditions.housing).toMatchObject({ status: 'green', source: 'request' });
      return body;
    });
    expect(view.basicConditions.housing).toMatchObject({
      reason: 'request completed by gm0363-nazorg',
      requestStatus: 'completed',
      partnerId: 'gm0363-nazorg',
      on: today(),
    });
    expect(view.basicConditions.income).toMatchObject({ status: 'red', source: 'consent-refused' });
    expect(view.basicConditions.id).toMatchObject({ status: 'green', source: 'id-document' });
    expect(view.basicConditions.debts).toMatchObject({ status: 'green', source: 'not-needed' });

    const dashboard = (await get('/api/v1/dashboard', 'supervisor', 'PI-ALMELO', 200)).body;
    const row = dashboard.readiness.find((r: Item) => r.detentionId === ids.soon);
    const readiness = (await get('/api/v1/readiness', 'casemanager', 'PI-ALMELO', 200)).body;
    const item = readiness.items.find((r: Item) => r.detentionId === ids.soon);
    for (const c of BASIC_CONDITIONS) {
      expect(row.conditions[c]).toBe(view.basicConditions[c].status);
      expect(pick(item.conditions[c])).toEqual(pick(view.basicConditions[c]));
    }
    expect(item).toMatchObject({
      caseReference: reference,
      personName: 'Anna Readiness',
      expectedReleaseDate: addDays(today(), 10),
      daysLeft: 10,
      prison: 'PI-ALMELO',
      municipality: 'GM0363',
      probation: 'RN',
      screeningCompletedDate: null,
      missing: ['income'],
      tasks: { open: expect.any(Number), overdue: expect.any(Number) },
    });
    expect(item.tasks.open).toBeGreaterThan(0);
    expect(JSON.stringify(readiness)).not.toMatch(/123456782|111222333/);
  });

  it('hides what the detainee does not share with the municipality, on every screen alike', async () => {
    const view = (await get(`/api/v1/detentions/${ids.soon}`, 'municipality', 'GM0363', 200)).body;
    const list = (await get('/api/v1/readiness', 'municipality', 'GM0363', 200)).body;
    const item = list.items.find((r: Item) => r.detentionId === ids.soon);
    expect(item.conditions.income).toMatchObject({ status: null, source: 'not-shared' });
    expect(view.basicConditions.income).toMatchObject({ status: null, source: 'not-shared', shared: false });
    expect(item.missing).toEqual([]);
    for (const c of BASIC_CONDITIONS) expect(pick(item.conditions[c])).toEqual(pick(view.basicConditions[c]));
    const supervisor = (await get('/api/v1/dashboard', 'supervisor', 'GM0363', 200)).body;
    expect(supervisor.readiness.find((r: Item) => r.detentionId === ids.soon).conditions.income).toBeNull();
  });

  it('lists the releases within the window and scope, soonest first, paged', async () => {
    const almelo = (await get('/api/v1/readiness', 'casemanager', 'PI-ALMELO', 200)).body;
    expect(almelo).toMatchObject({ today: today(), releaseWithinDays: 30, page: 1, pageSize: 50, total: 1 });
    expect(almelo.items.map((r: Item) => r.detentionId)).toEqual([ids.soon]);
    const year = (await get('/api/v1/readiness?releaseWithinDays=365', 'casemanager', 'PI-ALMELO', 200)).body;
    expect(year.items.map((r: Item) => r.detentionId)).toEqual([ids.soon, ids.later]);
    const all = (await get('/api/v1/readiness?releaseWithinDays=365', 'supervisor', '*', 200)).body;
    expect(all.items.map((r: Item) => r.detentionId)).toEqual([ids.zwolle, ids.soon, ids.later]);
    expect(all.items.map((r: Item) => r.daysLeft)).toEqual([5, 10, 200]);
    const second = (await get('/api/v1/readiness?releaseWithinDays=365&pageSize=1&page=2', 'supervisor', '*')).body;
    expect(second).toMatchObject({ total: 3, page: 2, items: [{ detentionId: ids.soon }] });
    const none = (await get('/api/v1/readiness?releaseWithinDays=4', 'supervisor', '*', 200)).body;
    expect(none.items).toEqual([]);
    const probation = (await get('/api/v1/readiness', 'probation', 'SVG', 200)).body;
    expect(probation.total).toBe(0);
  });

  it('searches by part of the name or the case reference, case-insensitive, wildcards taken literally', async () => {
    const search = async (q: string) =>
      (
        await get(`/api/v1/readiness?releaseWithinDays=365&q=${encodeURIComponent(q)}`, 'supervisor', '*', 200)
      ).body.items.map((r: Item) => r.detentionId);
    expect(await search('readiness')).toEqual([ids.soon]);
    expect(await search('BRAM')).toEqual([ids.later]);
    expect(await search(reference.slice(1, -1).toLowerCase())).toEqual([ids.soon]);
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('refuses bad input naming the field, and the roles without readiness', async () => {
    for (const bad of ['releaseWithinDays=366', 'releaseWithinDays=-1', 'releaseWithinDays=soon', 'pageSize=201']) {
      const res = await get(`/api/v1/readiness?${bad}`, 'casemanager', 'PI-ALMELO', 400);
      expect(JSON.stringify(res.body.message)).toContain(bad.split('=')[0]);
    }
    const long = await get(`/api/v1/readiness?q=${'x'.repeat(101)}`, 'casemanager', 'PI-ALMELO', 400);
    expect(JSON.stringify(long.body.message)).toMatch(/q must be shorter/);
    await get('/api/v1/readiness?q=', 'casemanager', 'PI-ALMELO', 400);
    await get('/api/v1/readiness?extra=1', 'casemanager', 'PI-ALMELO', 400);
    await get('/api/v1/readiness', 'partner', 'gm0363-nazorg', 403);
    await get('/api/v1/readiness', 'admin', '*', 403);
    await stack.http().get('/api/v1/readiness').expect(401);
  });

  it('writes the read to the audit log, naming the detentions shown', async () => {
    await get('/api/v1/readiness', 'municipality', 'GM0363', 200, 'coordinator-7');
    const { rows } = await stack.pg.query(
      `SELECT detention_ids, entry::jsonb -> 'fields' AS fields FROM audit_log
        WHERE action = 'read:readiness' AND actor = 'coordinator-7'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].detention_ids).toEqual([ids.zwolle, ids.soon]);
    expect(rows[0].fields).toEqual(expect.arrayContaining(['name', 'basic-conditions']));
  });

  it('finds requests in the partner inbox by case reference or by the name it was sent, never outside the inbox', async () => {
    const inbox = (q: string, org = 'gm0363-nazorg') =>
      get(`/api/v1/requests?q=${encodeURIComponent(q)}`, 'partner', org, 200).then((r) => r.body);
    const byReference = await inbox(reference.toLowerCase());
    expect(byReference.total).toBeGreaterThan(0);
    for (const item of byReference.items) expect(item.detentionId).toBe(ids.soon);
    const byName = await inbox('anna read');
    expect(byName.items.map((r: Item) => r.id).sort()).toEqual(
      byReference.items
        .filter((r: Item) => r.data.person?.name)
        .map((r: Item) => r.id)
        .sort(),
    );
    expect((await inbox('100%')).total).toBe(0);
    expect((await inbox(reference, 'gm0599-nazorg')).total).toBe(0);
    // The chain searches the requests of its own cases by name.
    const chain = (await get('/api/v1/requests?q=anna', 'casemanager', 'PI-ALMELO', 200)).body;
    expect(chain.total).toBeGreaterThan(0);
    await get(`/api/v1/requests?q=${'z'.repeat(101)}`, 'partner', 'gm0363-nazorg', 400);
  });

  describe('the task list: search, the person in every row, and mine', () => {
    it('shows who each task is about and finds tasks by name or case reference', async () => {
      const list = (await get('/api/v1/tasks?q=anna', 'casemanager', 'PI-ALMELO', 200)).body;
      expect(list.total).toBeGreaterThan(0);
      for (const task of list.items) {
        expect(task.detentionId).toBe(ids.soon);
        expect(task.detention).toMatchObject({
          personName: 'Anna Readiness',
          caseReference: reference,
          expectedReleaseDate: addDays(today(), 10),
        });
      }
      const byReference = (await get(`/api/v1/tasks?q=${reference}`, 'casemanager', 'PI-ALMELO', 200)).body;
      expect(byReference.total).toBe(list.total);
      const nobody = (await get('/api/v1/tasks?q=%25', 'casemanager', 'PI-ALMELO', 200)).body;
      expect(nobody.total).toBe(0);
      // Out of scope: Zwolle's casemanager finds nothing of Almelo's cases.
      expect((await get('/api/v1/tasks?q=anna', 'casemanager', 'PI-ZWOLLE', 200)).body.total).toBe(0);
      await get(`/api/v1/tasks?q=${'y'.repeat(101)}`, 'casemanager', 'PI-ALMELO', 400);
      await get('/api/v1/tasks?mine=perhaps', 'casemanager', 'PI-ALMELO', 400);
    });

    it('keeps a claimed task under "mine", and only there for its holder', async () => {
      const me = await stack.as('casemanager', 'PI-ALMELO', 'cm-mine');
      const open = (await get('/api/v1/tasks?q=bram&status=open', 'casemanager', 'PI-ALMELO', 200)).body;
      const task = open.items[0];
      await stack.http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', me).expect(200);
      const mine = await eventually(async () => {
        const { body } = await stack.http().get('/api/v1/tasks?mine=true').set('Authorization', me).expect(200);
        expect(body.items.map((t: Item) => t.id)).toEqual([task.id]);
        return body;
      });
      expect(mine.items[0]).toMatchObject({ status: 'claimed', claimedBy: 'cm-mine' });
      expect(mine.items[0].detention.personName).toBe('Bram Later');
      const other = (await get('/api/v1/tasks?mine=true', 'casemanager', 'PI-ALMELO', 200, 'cm-other')).body;
      expect(other.total).toBe(0);
      const everything = (await get('/api/v1/tasks?mine=false', 'casemanager', 'PI-ALMELO', 200, 'cm-other')).body;
      expect(everything.items.map((t: Item) => t.id)).toContain(task.id);
    });
  });
});
