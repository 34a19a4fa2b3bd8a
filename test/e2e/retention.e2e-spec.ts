import { WorkflowNotFoundError } from '@temporalio/client';
import { detentionWorkflowId } from '@terugkeer/contracts';
import { addMonths, amsterdamDate } from '@terugkeer/domain';
import { DetentionEraser } from '../../apps/worker/src/retention/detention-eraser';
import { retentionDue } from '../../apps/worker/src/retention/retention-rule';
import { RetentionSweep } from '../../apps/worker/src/retention/retention-sweep.service';
import { intakeBody } from '../support/intake';
import { uniquePerson } from '../support/people';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';
import { decodedHistory, runsOf } from '../support/temporal-history';

const today = () => amsterdamDate(Date.now());
/** `now` for the sweep: the given number of months from today, at noon. */
const monthsLater = (months: number) => new Date(`${addMonths(today(), months)}T12:00:00Z`);
type Person = ReturnType<typeof uniquePerson>;

describe('retention: erasure of closed cases (real worker, Temporal and PostgreSQL)', () => {
  let stack: Stack;
  let casemanager: string;
  let supervisor: string;
  let sweep: RetentionSweep;
  const erased = { person: uniquePerson(), id: '', personKey: '', runs: [] as { runId: string }[] };
  const crashed = { person: uniquePerson(), id: '' };
  const released = { person: uniquePerson(), id: '' };
  const detained = { person: uniquePerson(), id: '' };
  let figuresBefore: unknown;

  const register = async (person: Person) => {
    const { surname: _surname, ...fields } = person;
    const res = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', casemanager)
      .send(intakeBody({ person: fields }))
      .expect(201);
    return res.body.id as string;
  };
  const get = (path: string, token = supervisor) => stack.http().get(path).set('Authorization', token);

  /** Which tables hold any of these texts, searched in every column of every table as text. */
  async function tablesHolding(needles: string[]): Promise<string[]> {
    const { rows: tables } = await stack.pg.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const holding: string[] = [];
    for (const { name } of tables) {
      const { rows } = await stack.pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${name}" t WHERE t::text ILIKE ANY ($1)`,
        [needles.map((n) => `%${n}%`)],
      );
      if (rows[0].n > 0) holding.push(name);
    }
    return holding.sort();
  }
  const needlesOf = (person: Person) => [person.bsn, person.surname, person.dateOfBirth];

  /** Work on the case: a case note and a task note, partner answers with free text, then an ending. */
  async function workOn(id: string, person: Person, ending: string) {
    await stack
      .http()
      .post(`/api/v1/detentions/${id}/notes`)
      .set('Authorization', await stack.as('municipality', 'GM0363'))
      .send({ text: `${person.name} (${person.bsn}) asked for his sister's address` })
      .expect(201);
    const task = await eventually(async () => {
      const tasks = await get(`/api/v1/tasks?detentionId=${id}`, casemanager).expect(200);
      const found = tasks.body.items.find((t: { type: string }) => t.type === 'insurance-suspension');
      expect(found).toBeDefined();
      return found;
    });
    await stack
      .http()
      .post(`/api/v1/tasks/${task.id}/complete`)
      .set('Authorization', casemanager)
      .send({ outcome: 'suspended', data: { note: `called ${person.name}, born ${person.dateOfBirth}` } })
      .expect(200);
    const partner = await stack.as('partner', 'gm0363-nazorg');
    const notice = await eventually(async () => {
      const inbox = await get('/api/v1/requests', partner).expect(200);
      const found = inbox.body.items.find((r: { detentionId: string }) => r.detentionId === id);
      expect(found.data.person.bsn).toBe(person.bsn);
      return found;
    });
    await stack
      .http()
      .post(`/api/v1/requests/${notice.id}/responses`)
      .set('Authorization', partner)
      .send({ status: 'received', reference: `dossier ${person.bsn}`, reason: `${person.name} known here` })
      .expect(200);
    await stack
      .http()
      .post(`/api/v1/detentions/${id}/end`)
      .set('Authorization', casemanager)
      .send({ reason: ending, date: today(), note: `${person.name} (${person.bsn})` })
      .expect(200);
    // The workflow completes once its last messages are out; visibility lists it as completed a moment later.
    const workflowId = detentionWorkflowId(id);
    return eventually(async () => {
      const runs = await runsOf(stack.temporal.client, workflowId);
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) expect(run.status).not.toBe('RUNNING');
      return runs;
    }, 60_000);
  }

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    casemanager = await stack.as('casemanager', 'PI-ALMELO');
    supervisor = await stack.as('supervisor', '*');
    sweep = stack.worker.app.get(RetentionSweep);
    for (const c of [erased, crashed, released, detained]) c.id = await register(c.person);
    erased.runs = await workOn(erased.id, erased.person, 'deceased');
    await workOn(crashed.id, crashed.person, 'escaped');
    await stack
      .http()
      .post(`/api/v1/detentions/${released.id}/release`)
      .set('Authorization', casemanager)
      .send({ releaseDate: today(), releaseAddressKnown: true })
      .expect(200);
    const { rows } = await stack.pg.query('SELECT person_key FROM detentions WHERE id = $1', [erased.id]);
    erased.personKey = rows[0].person_key;
    figuresBefore = (await get('/api/v1/dashboard').expect(200)).body.figures;
  }, 240_000);
  afterAll(() => stack?.close());

  it('finds the person in PostgreSQL and, decrypted, in Temporal before the erasure', async () => {
    // The search below is meaningful: it finds what the erasure is to remove.
    expect(await tablesHolding([...needlesOf(erased.person), erased.personKey])).toEqual(
      expect.arrayContaining(['case_notes', 'detentions', 'request_responses', 'requests', 'tasks', 'timeline_events']),
    );
    const history = await decodedHistory(stack.temporal.client, detentionWorkflowId(erased.id), erased.runs[0].runId);
    expect(history).toContain(erased.person.bsn);
  });

  it('leaves a closed case alone until its period has passed', async () => {
    expect(await sweep.sweep(monthsLater(3))).toEqual({ erased: 0, waiting: 0, historiesDeleted: 0 });
    expect(await tablesHolding([erased.person.surname])).toContain('detentions');
    expect((await get('/api/v1/erasures').expect(200)).body.total).toBe(0);
  });

  it('finishes an erasure that a crash interrupted after PostgreSQL, on the next sweep', async () => {
    // As if a sweep had died right after its transaction: PostgreSQL erased, the Temporal history not yet.
    const { rows } = await stack.pg.query(
      `SELECT phase, actual_release_date AS "actualReleaseDate", ended_reason AS "endedReason",
              ended_date AS "endedDate", closed_date AS "closedDate" FROM detentions WHERE id = $1`,
      [crashed.id],
    );
    const due = retentionDue(rows[0], 'P6M')!;
    expect(await stack.worker.app.get(DetentionEraser).erase(crashed.id, due, 'P6M', monthsLater(7))).toBeTruthy();
    expect(await runsOf(stack.temporal.client, detentionWorkflowId(crashed.id))).not.toHaveLength(0);
  });

  it('erases a due case: nothing of the person left in any table, its Temporal runs deleted', async () => {
    const result = await sweep.sweep(monthsLater(7));
    expect(result).toMatchObject({ erased: 1, waiting: 0 });
    for (const c of [erased, crashed]) {
      expect(await tablesHolding(needlesOf(c.person))).toEqual([]);
    }
    expect(await tablesHolding([erased.personKey])).toEqual([]);
    // The notes stay as the record that they were written, without their words.
    const { rows: notes } = await stack.pg.query(
      'SELECT text, author_sub, erased_at FROM case_notes WHERE detention_id = $1',
      [erased.id],
    );
    expect(notes).toEqual([{ text: null, author_sub: 'municipality-GM0363', erased_at: expect.any(Date) }]);

    for (const c of [erased, crashed]) {
      const workflowId = detentionWorkflowId(c.id);
      // Temporal deletes asynchronously (within seconds; the dev server sometimes takes twenty).
      await eventually(async () => {
        await expect(stack.temporal.client.workflow.getHandle(workflowId).describe()).rejects.toThrow(
          WorkflowNotFoundError,
        );
        expect(await runsOf(stack.temporal.client, workflowId)).toEqual([]);
      }, 60_000);
    }
    for (const { runId } of erased.runs) {
      const handle = stack.temporal.client.workflow.getHandle(detentionWorkflowId(erased.id), runId);
      await expect(handle.describe()).rejects.toThrow(WorkflowNotFoundError);
      await expect(handle.fetchHistory()).rejects.toThrow();
    }
  });

  it('never erases an open case, in prison or in aftercare; their histories stay readable to key holders', async () => {
    expect((await sweep.sweep(monthsLater(120))).erased).toBe(0);
    for (const c of [released, detained]) {
      expect(await tablesHolding([c.person.bsn])).toContain('detentions');
      expect(await decodedHistory(stack.temporal.client, detentionWorkflowId(c.id))).toContain(c.person.bsn);
      await get(`/api/v1/detentions/${c.id}`, casemanager).expect(200);
    }
  });

  it('takes the erased cases out of every read: 404, and absent from the lists', async () => {
    for (const path of [
      `/api/v1/detentions/${erased.id}`,
      `/api/v1/detentions/${erased.id}/timeline`,
      `/api/v1/detentions/${erased.id}/notes`,
    ]) {
      await get(path, casemanager).expect(404);
      await get(path).expect(404);
    }
    await get(`/api/v1/audit?detentionId=${erased.id}`).expect(404);
    const ids = (await get('/api/v1/detentions?pageSize=200').expect(200)).body.items.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining([released.id, detained.id]));
    expect(ids).not.toContain(erased.id);
    expect((await get(`/api/v1/tasks?detentionId=${erased.id}`, casemanager).expect(200)).body.total).toBe(0);
    expect((await get(`/api/v1/tasks?detentionId=${erased.id}`).expect(200)).body.total).toBe(0);
    const requests = (await get('/api/v1/requests?pageSize=200').expect(200)).body.items;
    expect(requests.map((r: { detentionId: string }) => r.detentionId)).not.toContain(erased.id);
    // Its partner no longer finds it, and an answer arriving late writes nothing about it.
    const partner = await stack.as('partner', 'gm0363-nazorg');
    const inbox = (await get('/api/v1/requests?pageSize=200', partner).expect(200)).body.items;
    expect(inbox.map((r: { detentionId: string }) => r.detentionId)).not.toContain(erased.id);
    const { rows } = await stack.pg.query(
      `SELECT id FROM requests WHERE detention_id = $1 AND partner_id = 'gm0363-nazorg' LIMIT 1`,
      [erased.id],
    );
    await stack
      .http()
      .post(`/api/v1/requests/${rows[0].id}/responses`)
      .set('Authorization', partner)
      .send({ status: 'acknowledged', note: 'late answer naming the person' })
      .expect(404);
  });

  it('still counts the erased cases in the dashboard figures', async () => {
    const dashboard = (await get('/api/v1/dashboard').expect(200)).body;
    expect(dashboard.figures).toEqual(figuresBefore);
    expect(dashboard.figures.detentions).toMatchObject({ total: 4, closed: 2 });
    expect(JSON.stringify(dashboard)).not.toContain(erased.person.surname);
  });

  it('lists the evidence for supervisors in scope only', async () => {
    const page = (await get('/api/v1/erasures').expect(200)).body;
    expect(page).toMatchObject({ page: 1, pageSize: 50, total: 2 });
    const record = page.items.find((e: { detentionId: string }) => e.detentionId === erased.id);
    expect(record).toMatchObject({
      caseReference: expect.stringMatching(/^TK-/),
      prison: 'PI-ALMELO',
      municipality: 'GM0363',
      rule: '6 months after the ending (deceased) (RETENTION_PERIOD=P6M)',
      countedFrom: 'ending',
      countedFromDate: today(),
      dueDate: addMonths(today(), 6),
      temporal: { workflowId: detentionWorkflowId(erased.id), deletedAt: expect.any(String) },
    });
    expect(record.temporal.runsDeleted.map((r: { runId: string }) => r.runId).sort()).toEqual(
      erased.runs.map((r) => r.runId).sort(),
    );
    expect(record.removed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'detentions', action: 'pseudonymised', rows: 1 }),
        expect.objectContaining({ table: 'requests', fields: expect.arrayContaining(['data']) }),
        expect.objectContaining({
          table: 'case_notes',
          action: 'pseudonymised',
          fields: ['text', 'author_name'],
          rows: 1,
        }),
      ]),
    );
    expect(JSON.stringify(page)).not.toMatch(new RegExp(`${erased.person.bsn}|${erased.person.surname}`, 'i'));

    for (const org of ['PI-ALMELO', 'GM0363']) {
      expect((await get('/api/v1/erasures', await stack.as('supervisor', org)).expect(200)).body.total).toBe(2);
    }
    for (const org of ['PI-ZWOLLE', 'GM0599']) {
      expect((await get('/api/v1/erasures', await stack.as('supervisor', org)).expect(200)).body.items).toEqual([]);
    }
    const filtered = await get(`/api/v1/erasures?caseReference=${record.caseReference}`).expect(200);
    expect(filtered.body.items.map((e: { id: string }) => e.id)).toEqual([record.id]);
    await get('/api/v1/erasures?pageSize=1000').expect(400);
    for (const [role, org] of [
      ['casemanager', 'PI-ALMELO'],
      ['municipality', 'GM0363'],
      ['partner', 'gm0363-nazorg'],
      ['admin', '*'],
    ]) {
      await get('/api/v1/erasures', await stack.as(role, org)).expect(403);
    }
  });

  it('audits the erasure without personal data, and a second sweep does nothing more', async () => {
    const { rows } = await stack.pg.query(
      `SELECT entry FROM audit_log WHERE action = 'erase:detention' AND detention_ids @> ARRAY[$1::uuid]`,
      [erased.id],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].entry)).toMatchObject({ actor: 'terugkeer', basis: expect.stringContaining('P6M') });
    const count = async () =>
      (await stack.pg.query('SELECT (SELECT count(*) FROM erasures) + (SELECT count(*) FROM audit_log) AS n')).rows[0]
        .n;
    const before = await count();
    expect(await sweep.sweep(monthsLater(7))).toEqual({ erased: 0, waiting: 0, historiesDeleted: 0 });
    expect(await count()).toBe(before);
  });
});
