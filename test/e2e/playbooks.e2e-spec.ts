import { DEFAULT_PLAYBOOK, DEFAULT_PLAYBOOK_V1, DEFAULT_PLAYBOOK_V2, type Playbook } from '@terugkeer/domain';
import { intakeBody } from '../support/intake';
import { seedPartners, startStack, type Stack } from '../support/stack';

/**
 * Playbooks as managed data (issue 12, items 1 and 2) on the real API and PostgreSQL: the versions the code ships
 * are the seeded rows; admins add versions (checked, numbered, never replaced), supervisors read, nobody else;
 * every call leaves an audit entry.
 */
describe('playbooks (admin API, real stack)', () => {
  let stack: Stack;
  let admin: string;
  let supervisor: string;
  const base = '/api/v1/playbooks';
  const audit = async (action: string) =>
    (
      await stack.pg.query<{ entry: string }>(`SELECT entry FROM audit_log WHERE action = $1 ORDER BY seq`, [action])
    ).rows.map((r) => JSON.parse(r.entry));

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    admin = await stack.as('admin', '*', 'admin-1');
    supervisor = await stack.as('supervisor', '*', 'supervisor-1');
  });
  afterAll(() => stack?.close());

  it('seeds the versions the code knows: the stored definitions are the code’s, deep-equal', async () => {
    const { rows } = await stack.pg.query<{ playbook_id: string; version: number; definition: Playbook }>(
      'SELECT playbook_id, version, definition FROM playbook_versions ORDER BY playbook_id, version',
    );
    expect(rows.map((r) => [r.playbook_id, r.version])).toEqual([
      ['default', 1],
      ['default', 2],
    ]);
    expect(rows[0].definition).toEqual(DEFAULT_PLAYBOOK_V1);
    expect(rows[1].definition).toEqual(DEFAULT_PLAYBOOK_V2);
  });

  it('lists the playbooks with their versions, marks a version used once an intake names it, and audits', async () => {
    const before = await stack.http().get(base).set('Authorization', supervisor).expect(200);
    expect(before.body.items).toEqual([
      {
        id: 'default',
        title: DEFAULT_PLAYBOOK_V1.title,
        versions: [1, 2].map((version) =>
          expect.objectContaining({
            version,
            createdBy: 'terugkeer',
            used: false,
            usedAt: null,
            forNewIntakes: version === DEFAULT_PLAYBOOK.version,
          }),
        ),
      },
    ]);
    await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
      .send(intakeBody())
      .expect(201);
    const after = await stack.http().get(base).set('Authorization', admin).expect(200);
    const used = after.body.items[0].versions.find((v: { version: number }) => v.version === DEFAULT_PLAYBOOK.version);
    expect(used).toMatchObject({ used: true, usedAt: expect.any(String) });
    // Once used, the database itself refuses to change or delete it.
    await expect(
      stack.pg.query(`UPDATE playbook_versions SET definition = '{}' WHERE version = $1`, [DEFAULT_PLAYBOOK.version]),
    ).rejects.toThrow(/is in use and cannot be changed/);
    await expect(
      stack.pg.query(`DELETE FROM playbook_versions WHERE version = $1`, [DEFAULT_PLAYBOOK.version]),
    ).rejects.toThrow(/is in use and cannot be changed/);
    expect(await audit('read:playbooks')).toEqual([
      expect.objectContaining({ actor: 'supervisor-1', role: 'supervisor', detentionIds: [] }),
      expect.objectContaining({ actor: 'admin-1', role: 'admin', detentionIds: [] }),
    ]);
  });

  it('shows one version with its definition, 404 for one that does not exist, 400 for a bad path', async () => {
    const res = await stack.http().get(`${base}/default/versions/1`).set('Authorization', supervisor).expect(200);
    expect(res.body).toMatchObject({ id: 'default', version: 1, used: false, definition: DEFAULT_PLAYBOOK_V1 });
    await stack.http().get(`${base}/default/versions/9`).set('Authorization', admin).expect(404);
    await stack.http().get(`${base}/nothing/versions/1`).set('Authorization', admin).expect(404);
    const bad = await stack.http().get(`${base}/default/versions/first`).set('Authorization', admin).expect(400);
    expect(bad.body.message).toEqual(['version must be a version number']);
    await stack.http().get(`${base}/Not_An_Id/versions/1`).set('Authorization', admin).expect(400);
    expect(await audit('read:playbook')).toEqual([
      expect.objectContaining({ actor: 'supervisor-1', target: 'playbook default version 1' }),
    ]);
  });

  it('refuses a definition that breaks the schema or a rule with 400, naming the step and the field', async () => {
    const definition = structuredClone(DEFAULT_PLAYBOOK_V2) as Playbook;
    const debt = definition.steps.findIndex((s) => s.id === 'debt-help-referral');
    const screening = definition.steps.findIndex((s) => s.id === 'screening');
    definition.steps[debt].at.offset = { weeks: -2 };
    definition.steps[screening].due = { from: 'intake', offset: { workingDays: 15 } };
    const res = await stack
      .http()
      .post(`${base}/default/versions`)
      .set('Authorization', admin)
      .send({ ...definition, version: undefined })
      .expect(400);
    expect(res.body.message).toEqual([
      `steps[${debt}] (debt-help-referral).at.offset: −2w before screening can never fire on time: ` +
        'that moment has passed when screening becomes known',
      `steps[${screening}] (screening).due.offset: +15wd loosens the legal minimum ` +
        '(the screening within 10 working days of intake)',
    ]);
    const shape = await stack
      .http()
      .post(`${base}/default/versions`)
      .set('Authorization', admin)
      .send({ ...DEFAULT_PLAYBOOK_V2, version: undefined, steps: [{ ...DEFAULT_PLAYBOOK_V2.steps[0], at: {} }] })
      .expect(400);
    expect(shape.body.message).toEqual(['steps[0] (detention-start-notice).at.anchor: is required']);
    const otherId = await stack
      .http()
      .post(`${base}/default/versions`)
      .set('Authorization', admin)
      .send({ ...DEFAULT_PLAYBOOK_V2, id: 'almelo', version: undefined })
      .expect(400);
    expect(otherId.body.message).toEqual(['id: must be default, the playbook in the path']);
    const { rows } = await stack.pg.query('SELECT count(*)::int AS n FROM playbook_versions');
    expect(rows[0].n).toBe(2);
  });

  it('stores a new version as the next number (201), lists it, never replaces a version (409), and audits', async () => {
    const definition = structuredClone(DEFAULT_PLAYBOOK_V2) as Playbook;
    definition.title = 'Default playbook, debt help first';
    definition.sla.acknowledgeWithin = { workingDays: 1 };
    definition.steps = definition.steps.filter((s) => s.id !== 'bank-account-digid');
    definition.steps.find((s) => s.id === 'exit-meeting')!.at.offset = { weeks: -5 };
    const created = await stack
      .http()
      .post(`${base}/default/versions`)
      .set('Authorization', admin)
      .send({ ...definition, version: 3 })
      .expect(201);
    expect(created.body).toMatchObject({
      id: 'default',
      version: 3,
      title: definition.title,
      createdBy: 'admin-1',
      used: false,
      forNewIntakes: false,
      definition: { ...definition, version: 3 },
    });
    const stored = await stack.http().get(`${base}/default/versions/3`).set('Authorization', supervisor).expect(200);
    expect(stored.body.definition).toEqual({ ...definition, version: 3 });
    const list = await stack.http().get(base).set('Authorization', admin).expect(200);
    expect(list.body.items[0].versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);

    const again = await stack
      .http()
      .post(`${base}/default/versions`)
      .set('Authorization', admin)
      .send({ ...definition, version: 2 })
      .expect(409);
    expect(again.body.message).toBe('Playbook default version 2 exists and cannot be replaced; the next version is 4');
    // A new id starts a playbook of its own (binding it to municipalities is a later slice).
    await stack
      .http()
      .post(`${base}/almelo/versions`)
      .set('Authorization', admin)
      .send({ ...DEFAULT_PLAYBOOK_V2, id: undefined, version: undefined, title: 'Almelo' })
      .expect(201);
    expect(await audit('change:playbook:add-version')).toEqual([
      expect.objectContaining({ actor: 'admin-1', role: 'admin', target: 'playbook default version 3' }),
      expect.objectContaining({ actor: 'admin-1', role: 'admin', target: 'playbook almelo version 1' }),
    ]);
  });

  it('shows the diff between two versions: steps added, removed, changed with their fields', async () => {
    const res = await stack
      .http()
      .get(`${base}/default/diff`)
      .query({ from: 2, to: 3 })
      .set('Authorization', supervisor)
      .expect(200);
    expect(res.body).toEqual({
      id: 'default',
      from: 2,
      to: 3,
      added: [],
      removed: [{ id: 'bank-account-digid', title: 'Bank account and DigiD' }],
      changed: [{ id: 'exit-meeting', title: 'Exit meeting', fields: ['at.offset.weeks'] }],
      settings: ['sla.acknowledgeWithin.workingDays', 'title'],
    });
    const v1v2 = await stack.http().get(`${base}/default/diff?from=1&to=2`).set('Authorization', admin).expect(200);
    expect(v1v2.body.added.map((s: { id: string }) => s.id)).toEqual(['first-place-to-stay', 'aftercare-close']);
    await stack.http().get(`${base}/default/diff?from=1&to=9`).set('Authorization', admin).expect(404);
    const bad = await stack.http().get(`${base}/default/diff?from=1`).set('Authorization', admin).expect(400);
    expect(bad.body.message).toEqual(['to must be a version number']);
    expect(await audit('read:playbook-diff')).toEqual([
      expect.objectContaining({ actor: 'supervisor-1', target: 'playbook default versions 2 → 3' }),
      expect.objectContaining({ actor: 'admin-1', target: 'playbook default versions 1 → 2' }),
    ]);
  });

  it('numbers versions added at the same moment one after the other', async () => {
    const post = () =>
      stack
        .http()
        .post(`${base}/default/versions`)
        .set('Authorization', admin)
        .send({ ...DEFAULT_PLAYBOOK_V2, version: undefined });
    const answers = await Promise.all([post(), post(), post()]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers.map((a) => a.body.version).sort()).toEqual([4, 5, 6]);
  });

  it('lets a supervisor read but not write, and nobody else in at all (403)', async () => {
    const body = { ...DEFAULT_PLAYBOOK_V2, version: undefined };
    await stack.http().post(`${base}/default/versions`).set('Authorization', supervisor).send(body).expect(403);
    for (const [role, org] of [
      ['casemanager', 'PI-ALMELO'],
      ['municipality', 'GM0363'],
      ['probation', 'RN'],
      ['partner', 'gm0363-nazorg'],
    ]) {
      const token = await stack.as(role, org);
      await stack.http().get(base).set('Authorization', token).expect(403);
      await stack.http().get(`${base}/default/versions/1`).set('Authorization', token).expect(403);
      await stack.http().get(`${base}/default/diff?from=1&to=2`).set('Authorization', token).expect(403);
      await stack.http().post(`${base}/default/versions`).set('Authorization', token).send(body).expect(403);
    }
    await stack.http().get(base).expect(401);
  });
});
