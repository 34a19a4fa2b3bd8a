import { seedPartners, startStack, type Stack } from '../support/stack';

/**
 * The contact registry (CONTRACT.md v1.1): functional mailboxes per organisation and role. Admins replace them;
 * the working roles and supervisors read their own organisation's; every change is audited with old and new.
 */
describe('organisation contacts (real API and PostgreSQL)', () => {
  let stack: Stack;
  let admin: string;
  const path = (code: string) => `/api/v1/organisations/${encodeURIComponent(code)}/contacts`;
  const almelo = [
    {
      role: 'municipality',
      email: 'terugkeer@almelo.example',
      name: 'Team Nazorg',
      phone: '+31 546 541 111',
      notify: 'urgent',
    },
    { role: 'supervisor', email: 'toezicht@almelo.example', name: 'Toezicht' },
  ];

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    admin = await stack.as('admin', '*', 'admin-1');
  });
  afterAll(() => stack?.close());

  it('answers an empty registry for a known organisation of every kind, 404 for an unknown code', async () => {
    for (const [code, kind] of [
      ['PI-ALMELO', 'prison'],
      ['GM0141', 'municipality'],
      ['LJR', 'probation'],
      ['gm0363-nazorg', 'partner'],
    ]) {
      const res = await stack.http().get(path(code)).set('Authorization', admin).expect(200);
      expect(res.body).toEqual({ code, kind, contacts: [], updatedAt: null });
    }
    for (const code of ['GM9999', 'PI-NOWHERE', 'nobody']) {
      await stack.http().get(path(code)).set('Authorization', admin).expect(404);
      await stack.http().put(path(code)).set('Authorization', admin).send({ contacts: [] }).expect(404);
    }
    await stack.http().get(path('bad code!')).set('Authorization', admin).expect(400);
  });

  it('lets an admin replace the contacts, with defaults, and audits old and new value', async () => {
    const res = await stack
      .http()
      .put(path('GM0141'))
      .set('Authorization', admin)
      .send({ contacts: almelo })
      .expect(200);
    expect(res.body).toEqual({
      code: 'GM0141',
      kind: 'municipality',
      contacts: [almelo[0], { ...almelo[1], phone: null, notify: 'both' }],
      updatedAt: expect.any(String),
    });
    const next = [{ ...almelo[0], notify: 'digest' }];
    await stack.http().put(path('GM0141')).set('Authorization', admin).send({ contacts: next }).expect(200);
    // The same list again changes nothing and writes no audit entry.
    await stack.http().put(path('GM0141')).set('Authorization', admin).send({ contacts: next }).expect(200);
    const { rows } = await stack.pg.query<{ entry: string }>(
      `SELECT entry FROM audit_log WHERE action = 'change:contacts:update' ORDER BY seq`,
    );
    expect(rows).toHaveLength(2);
    const second = JSON.parse(rows[1].entry);
    expect(second).toMatchObject({ actor: 'admin-1', role: 'admin', fields: ['contacts'] });
    const changed = JSON.parse(second.target.replace(/^organisation GM0141: /, ''));
    expect(changed.contacts.from).toHaveLength(2);
    expect(changed.contacts.to).toEqual([{ ...almelo[0], notify: 'digest' }]);
  });

  it('lets the working roles and supervisors read their own organisation only (404 for another)', async () => {
    await stack
      .http()
      .put(path('PI-ALMELO'))
      .set('Authorization', admin)
      .send({ contacts: [{ role: 'casemanager', email: 'cm@almelo.dji.example', name: 'Casemanagers PI Almelo' }] })
      .expect(200);
    for (const [role, org, own, other] of [
      ['municipality', 'GM0141', 'GM0141', 'PI-ALMELO'],
      ['casemanager', 'PI-ALMELO', 'PI-ALMELO', 'GM0141'],
      ['probation', 'RN', 'RN', 'SVG'],
      ['supervisor', 'GM0141', 'GM0141', 'PI-ALMELO'],
    ]) {
      const token = await stack.as(role, org);
      await stack.http().get(path(own)).set('Authorization', token).expect(200);
      await stack.http().get(path(other)).set('Authorization', token).expect(404);
      await stack.http().put(path(own)).set('Authorization', token).send({ contacts: [] }).expect(403);
    }
    const all = await stack.as('supervisor', '*');
    expect(
      (await stack.http().get(path('PI-ALMELO')).set('Authorization', all).expect(200)).body.contacts,
    ).toHaveLength(1);
    const partner = await stack.as('partner', 'gm0363-nazorg');
    await stack.http().get(path('gm0363-nazorg')).set('Authorization', partner).expect(403);
    await stack.http().get(path('GM0141')).expect(401);
  });

  it('refuses bad contacts with a 400 naming each field', async () => {
    const refused = async (body: object, ...messages: RegExp[]) => {
      const res = await stack.http().put(path('GM0141')).set('Authorization', admin).send(body).expect(400);
      for (const m of messages) expect(res.body.message.join('\n')).toMatch(m);
    };
    const ok = almelo[0];
    await refused({}, /contacts must be an array/);
    await refused({ contacts: [{ ...ok, email: 'not-an-address' }] }, /contacts\.0\.email must be an e-mail address/);
    await refused(
      {
        contacts: [
          { ...ok, name: '' },
          { ...ok, email: `${'a'.repeat(250)}@x.nl` },
        ],
      },
      /contacts\.0\.name should not be empty/,
      /contacts\.1\.email must be shorter than or equal to 254 characters/,
    );
    await refused({ contacts: [{ ...ok, name: 'x'.repeat(201) }] }, /contacts\.0\.name must be shorter/);
    await refused({ contacts: [{ ...ok, name: 'two\nlines' }] }, /contacts\.0\.name must be one line/);
    await refused({ contacts: [{ ...ok, phone: 'call me' }] }, /contacts\.0\.phone must be a telephone number/);
    await refused({ contacts: [{ ...ok, notify: 'sometimes' }] }, /contacts\.0\.notify must be one of/);
    await refused({ contacts: [{ ...ok, role: 'janitor' }] }, /contacts\.0\.role must be one of/);
    await refused(
      { contacts: [{ ...ok, role: 'casemanager' }] },
      /contacts\.0\.role must be one of municipality, supervisor/,
    );
    await refused({ contacts: [ok, { ...ok, email: ok.email.toUpperCase() }] }, /contacts\.1\.email is listed twice/);
    await refused({ contacts: [{ ...ok, extra: 1 }] }, /contacts\.0\.property extra should not exist/);
    await refused(
      { contacts: Array.from({ length: 21 }, (_, i) => ({ ...ok, email: `t${i}@x.nl` })) },
      /contacts must contain no more than 20 elements/,
    );
    await refused({ contacts: [{ ...ok, email: 'a@b.nl\u0000' }] }, /contacts\.0\.email must not contain control/);
    // Nothing of that was stored.
    const res = await stack.http().get(path('GM0141')).set('Authorization', admin).expect(200);
    expect(res.body.contacts).toEqual([{ ...almelo[0], notify: 'digest' }]);
  });
});
