import { addDays, amsterdamDate } from '@terugkeer/domain';
import { intakeBody } from '../support/intake';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';
import { tokenFor } from '../support/tokens';

const today = () => amsterdamDate(Date.now());

/**
 * Inputs an attacker or a broken client sends (issue 9): each a 4xx naming the field, nothing accepted lost, and no
 * case wedged. A partner that declines with a NUL byte in its reason used to freeze the detention for good.
 */
describe('hostile input through HTTP', () => {
  let stack: Stack;
  let id: string;
  const intake = () => ({ ...intakeBody({ releaseInDays: 20 }), consent: { housing: true } });

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
  });
  afterAll(() => stack?.close());

  it('refuses NUL bytes, control characters and lone surrogates in bodies, naming the field', async () => {
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    const nul = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', cm)
      .send({ ...intake(), person: { ...intake().person, name: 'J\u0000ansen' } })
      .expect(400);
    expect(nul.body.message).toEqual(['person.name must not contain control characters']);
    const surrogate = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', cm)
      .send({ ...intake(), person: { ...intake().person, name: 'J\uD800nsen' } })
      .expect(400);
    expect(surrogate.body.message).toEqual(['person.name must be valid Unicode text']);
    const { rows } = await stack.pg.query('SELECT count(*)::int AS n FROM detentions');
    expect(rows[0].n).toBe(0);
  });

  it('refuses them in query filters and path ids too', async () => {
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    const query = await stack.http().get('/api/v1/tasks?assignee=a%00b').set('Authorization', cm).expect(400);
    expect(query.body.message).toEqual(['assignee must not contain control characters']);
    const admin = await stack.as('admin', '*');
    const path = await stack.http().get('/api/v1/partners/a%00b').set('Authorization', admin).expect(400);
    expect(path.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/control characters/)]));
  });

  it('refuses JSON nested too deep before anything walks it', async () => {
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
    const res = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', cm)
      .set('Content-Type', 'application/json')
      .send(`{"person": ${deep}}`)
      .expect(400);
    expect(res.body.message).toEqual(['person is nested more than 32 levels deep']);
  });

  it('refuses a token whose sub holds a NUL byte', async () => {
    const token = await tokenFor('casemanager', 'PI-ALMELO', { sub: 'a\u0000b' });
    await stack.http().get('/api/v1/tasks').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('a partner declining with a NUL byte gets a 400; the case goes on, and a clean answer is taken', async () => {
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    const res = await stack.http().post('/api/v1/detentions').set('Authorization', cm).send(intake()).expect(201);
    id = res.body.id;
    const partner = await stack.as('partner', 'gm0363-nazorg');
    const housing = await eventually(async () => {
      const inbox = await stack
        .http()
        .get('/api/v1/requests?type=housing-request')
        .set('Authorization', partner)
        .expect(200);
      expect(inbox.body.items).toHaveLength(1);
      return inbox.body.items[0];
    });
    const bad = await stack
      .http()
      .post(`/api/v1/requests/${housing.id}/responses`)
      .set('Authorization', partner)
      .send({ status: 'declined', reason: 'no\u0000room' })
      .expect(400);
    expect(bad.body.message).toEqual(['reason must not contain control characters']);
    await stack
      .http()
      .post(`/api/v1/requests/${housing.id}/responses`)
      .set('Authorization', partner)
      .send({ status: 'declined', reason: 'no room' })
      .expect(200);
    // The workflow took it in, and still answers: a change of date goes through.
    await eventually(async () => {
      const timeline = await stack.http().get(`/api/v1/detentions/${id}/timeline`).set('Authorization', cm).expect(200);
      expect(timeline.body.events.some((e: { summary: string }) => e.summary.includes('declined (no room)'))).toBe(
        true,
      );
    });
    await stack
      .http()
      .put(`/api/v1/detentions/${id}/expected-release`)
      .set('Authorization', cm)
      .send({ expectedReleaseDate: addDays(today(), 30), reason: 'court' })
      .expect(200);
  });

  it('bounds page numbers, string lengths and the Idempotency-Key, naming each', async () => {
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    for (const page of ['1000000000000000000', '1e21', '10001']) {
      const res = await stack.http().get(`/api/v1/detentions?page=${page}`).set('Authorization', cm).expect(400);
      expect(res.body.message).toEqual(['page must not be greater than 10000']);
    }
    const long = await stack
      .http()
      .get(`/api/v1/tasks?assignee=${'a'.repeat(201)}`)
      .set('Authorization', cm)
      .expect(400);
    expect(long.body.message).toEqual(['assignee must be at most 200 characters']);
    const huge = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', cm)
      .send({ ...intake(), person: { ...intake().person, name: 'J'.repeat(10_001) } })
      .expect(400);
    expect(huge.body.message).toEqual(['person.name must be at most 10000 characters']);
    const key = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', cm)
      .set('Idempotency-Key', 'k'.repeat(3000))
      .send(intake())
      .expect(400);
    expect(key.body.message).toEqual(['Idempotency-Key must be 1 to 200 printable ASCII characters (a UUID, say)']);
  });

  it('eight concurrent retries with one Idempotency-Key all get the same detention', async () => {
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-retry');
    const body = { ...intake(), person: { ...intake().person, bsn: '111222333' } };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        stack.http().post('/api/v1/detentions').set('Authorization', cm).set('Idempotency-Key', 'retry-1').send(body),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  it('a change that leaves out expectedReleaseDate is refused, not read as null', async () => {
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    const res = await stack
      .http()
      .put(`/api/v1/detentions/${id}/expected-release`)
      .set('Authorization', cm)
      .send({ reason: 'forgot the date' })
      .expect(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining(['expectedReleaseDate must be given: a date, or null while unknown']),
    );
    await eventually(async () => {
      const view = await stack.http().get(`/api/v1/detentions/${id}`).set('Authorization', cm).expect(200);
      expect(view.body.expectedReleaseDate).toBe(addDays(today(), 30));
    });
    // null is still the way to say "unknown".
    await stack
      .http()
      .put(`/api/v1/detentions/${id}/expected-release`)
      .set('Authorization', cm)
      .send({ expectedReleaseDate: null, reason: 'court: unknown again' })
      .expect(200);
  });
});
