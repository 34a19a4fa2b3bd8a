import { SignJWT } from 'jose';
import { intakeBody } from '../support/intake';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';
import { TEST_JWT_SECRET } from '../support/tokens';

/**
 * Case notes (CONTRACT.md v1.1, issue 10): scoped roles write and read them within the detention's current scope,
 * every read and write is audited without the text, they sit in the timeline, and they never reach a partner.
 */
describe('case notes (real API, worker, Temporal and PostgreSQL)', () => {
  let stack: Stack;
  let id: string;
  const secret = `Spoke with him about his sister's flat ${Date.now()}`;
  const notes = (detentionId = id) => `/api/v1/detentions/${detentionId}/notes`;

  /** A token with a `name` claim, as an identity provider may issue it. */
  const named = async (role: string, org: string, sub: string, name: string) =>
    `Bearer ${await new SignJWT({ role, org, name })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET))}`;

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    const created = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
      .send(intakeBody())
      .expect(201);
    id = created.body.id;
    // The start notice is at the partner before any note exists: later messages must not carry a note either.
    await eventually(async () => {
      const { rows } = await stack.pg.query('SELECT count(*)::int AS n FROM requests WHERE detention_id = $1', [id]);
      expect(rows[0].n).toBeGreaterThan(0);
    });
  });
  afterAll(() => stack?.close());

  it('lets the casemanager write a note (trimmed), answered with its author', async () => {
    const token = await named('casemanager', 'PI-ALMELO', 'cm-notes', 'C. de Vries');
    const res = await stack
      .http()
      .post(notes())
      .set('Authorization', token)
      .send({ text: `  ${secret}\n` })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      detentionId: id,
      text: secret,
      author: { sub: 'cm-notes', role: 'casemanager', org: 'PI-ALMELO', name: 'C. de Vries' },
      createdAt: expect.any(String),
    });
  });

  it('lets municipality, probation and supervisors in scope write and read; oldest first', async () => {
    for (const [role, org] of [
      ['municipality', 'GM0363'],
      ['probation', 'RN'],
      ['supervisor', '*'],
      ['supervisor', 'PI-ALMELO'],
    ]) {
      const token = await stack.as(role, org);
      await stack
        .http()
        .post(notes())
        .set('Authorization', token)
        .send({ text: `${role} ${org} was here` })
        .expect(201);
      const list = await stack.http().get(notes()).set('Authorization', token).expect(200);
      expect(list.body.detentionId).toBe(id);
      expect(list.body.items[0].text).toBe(secret);
      expect(list.body.items.at(-1)).toMatchObject({
        text: `${role} ${org} was here`,
        author: { role, org, name: null },
      });
    }
  });

  it('hides the notes outside the current scope (404) and from partners and admins (403)', async () => {
    for (const [role, org] of [
      ['casemanager', 'PI-ZWOLLE'],
      ['municipality', 'GM0599'],
      ['probation', 'SVG'],
      ['supervisor', 'GM0599'],
    ]) {
      const token = await stack.as(role, org);
      await stack.http().get(notes()).set('Authorization', token).expect(404);
      await stack.http().post(notes()).set('Authorization', token).send({ text: 'out of scope' }).expect(404);
    }
    for (const [role, org] of [
      ['partner', 'gm0363-nazorg'],
      ['admin', '*'],
    ]) {
      const token = await stack.as(role, org);
      await stack.http().get(notes()).set('Authorization', token).expect(403);
      await stack.http().post(notes()).set('Authorization', token).send({ text: 'not mine' }).expect(403);
    }
    const cm = await stack.as('casemanager', 'PI-ALMELO');
    await stack.http().get(notes('6d157493-0000-4000-8000-000000000000')).set('Authorization', cm).expect(404);
    await stack.http().get(notes('not-a-uuid')).set('Authorization', cm).expect(400);
    await stack.http().get(notes()).expect(401);
  });

  it('refuses bad notes with 400 naming the field, and has no way to change or remove one', async () => {
    const cm = await stack.as('casemanager', 'PI-ALMELO');
    const refused = async (body: object, message: RegExp) => {
      const res = await stack.http().post(notes()).set('Authorization', cm).send(body).expect(400);
      expect(res.body.message.join(' ')).toMatch(message);
    };
    await refused({}, /^text /);
    await refused({ text: '   \n ' }, /text must not be empty/);
    await refused({ text: 42 }, /text must be a string/);
    await refused({ text: 'x'.repeat(4001) }, /text must be shorter than or equal to 4000 characters/);
    await refused({ text: 'bell \u0007' }, /text must not contain control characters/);
    await refused({ text: 'nul \u0000' }, /text must not contain control characters/);
    await refused({ text: 'ok', author: 'someone else' }, /property author should not exist/);
    await stack
      .http()
      .post(notes())
      .set('Authorization', cm)
      .send({ text: 'y'.repeat(4000) })
      .expect(201);

    const [note] = (await stack.http().get(notes()).set('Authorization', cm).expect(200)).body.items;
    await stack.http().delete(`${notes()}/${note.id}`).set('Authorization', cm).expect(404);
    await stack.http().put(`${notes()}/${note.id}`).set('Authorization', cm).send({ text: 'changed' }).expect(404);
    await expect(stack.pg.query(`UPDATE case_notes SET text = 'changed' WHERE id = $1`, [note.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(stack.pg.query('DELETE FROM case_notes WHERE id = $1', [note.id])).rejects.toThrow(/append-only/);
  });

  it('audits every write as a change and every read as a read of personal data, never with the text', async () => {
    const { rows } = await stack.pg.query<{ action: string; entry: string }>(
      `SELECT action, entry FROM audit_log WHERE detention_ids @> ARRAY[$1::uuid] AND action LIKE '%note%' ORDER BY seq`,
      [id],
    );
    const writes = rows.filter((r) => r.action === 'change:note:create').map((r) => JSON.parse(r.entry));
    const reads = rows.filter((r) => r.action === 'read:notes').map((r) => JSON.parse(r.entry));
    expect(writes.length).toBe(6);
    expect(writes[0]).toMatchObject({
      actor: 'cm-notes',
      role: 'casemanager',
      org: 'PI-ALMELO',
      fields: ['note'],
      basis: expect.stringContaining('Pbw'),
      target: expect.stringMatching(/^note [0-9a-f-]{36}: from \(none\) to a note of \d+ characters$/),
    });
    expect(reads.map((r) => `${r.role} ${r.org}`)).toEqual(
      expect.arrayContaining(['municipality GM0363', 'probation RN', 'supervisor *', 'supervisor PI-ALMELO']),
    );
    // Refused calls read nothing and are not on record.
    expect(reads.some((r) => r.org === 'GM0599')).toBe(false);
    expect(rows.some((r) => r.entry.includes('sister'))).toBe(false);
  });

  it('shows the notes in the timeline as entries of type note, in order', async () => {
    const timeline = await stack
      .http()
      .get(`/api/v1/detentions/${id}/timeline`)
      .set('Authorization', await stack.as('municipality', 'GM0363'))
      .expect(200);
    const events: { type: string; summary: string; at: string; by: { label: string }; data: object }[] =
      timeline.body.events;
    const entries = events.filter((e) => e.type === 'note');
    expect(entries).toHaveLength(6);
    expect(entries[0]).toMatchObject({
      summary: secret,
      by: { label: 'C. de Vries' },
      data: { noteId: expect.any(String) },
    });
    expect(events.findIndex((e) => e.type === 'note')).toBeGreaterThan(0);
    const times = events.map((e) => e.at);
    expect(times).toEqual([...times].sort());
  });

  it('never sends a note to a partner: not in a request, an update or the partner inbox', async () => {
    // A change after the notes: every partner holding a date gets an update with the rebuilt data.
    const cm = await stack.as('casemanager', 'PI-ALMELO');
    const view = (await stack.http().get(`/api/v1/detentions/${id}`).set('Authorization', cm).expect(200)).body;
    const moved = new Date(Date.parse(view.expectedReleaseDate) + 7 * 86_400_000).toISOString().slice(0, 10);
    await stack
      .http()
      .put(`/api/v1/detentions/${id}/expected-release`)
      .set('Authorization', cm)
      .send({ expectedReleaseDate: moved, reason: 'court ruling' })
      .expect(200);
    const partner = await stack.as('partner', 'gm0363-nazorg');
    await eventually(async () => {
      const inbox = await stack.http().get('/api/v1/requests').set('Authorization', partner).expect(200);
      const mine = inbox.body.items.filter((r: { detentionId: string }) => r.detentionId === id);
      expect(mine.length).toBeGreaterThan(0);
      expect(JSON.stringify(mine)).toContain(moved);
      expect(JSON.stringify(inbox.body)).not.toContain('sister');
    });
    const { rows } = await stack.pg.query(
      `SELECT count(*)::int AS n FROM requests r WHERE r.detention_id = $1 AND r::text ILIKE '%sister%'`,
      [id],
    );
    expect(rows[0].n).toBe(0);
  });
});
