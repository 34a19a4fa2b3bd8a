import { addDays, amsterdamDate, BASIC_CONDITIONS, onOrBeforeWorkingDay } from '@terugkeer/domain';
import { nextFiringDay, stepsOfTodayFireNow } from '../support/clock';
import { IntakeRelay } from '../../apps/worker/src/intake-relay.service';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

const today = () => amsterdamDate(Date.now());
// Intake on the last working day before today: the intake steps fire at once (late), whatever the day and hour the
// suite runs at (a step never falls on a weekend, rule 10).
const intake = () => onOrBeforeWorkingDay(addDays(today(), -1));

function intakeBody(overrides: Record<string, unknown> = {}) {
  return {
    person: { bsn: '123456782', name: 'J. Jansen', dateOfBirth: '1990-05-01' },
    prison: 'PI-ALMELO',
    municipality: 'GM0363',
    probation: 'RN',
    intakeDate: intake(),
    expectedReleaseDate: addDays(intake(), 120),
    casemanager: { name: 'C. de Vries', email: 'c.devries@dji.example', phone: '+31 546 000 000' },
    needs: { id: true, housing: true, income: true, debts: true, care: false, bankAccount: false, digid: true },
    idDocumentExpiry: null,
    ...overrides,
  };
}

describe('detentions through the HTTP API, on the real worker, Temporal and PostgreSQL', () => {
  let stack: Stack;
  let casemanager: string;

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    casemanager = await stack.as('casemanager', 'PI-ALMELO', 'cm-almelo');
  });
  afterAll(() => stack?.close());

  function register(body: Record<string, unknown> = intakeBody(), key?: string) {
    const req = stack.http().post('/api/v1/detentions').set('Authorization', casemanager);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  async function projected(id: string, check: (detention: Record<string, any>) => void) {
    return eventually(async () => {
      const res = await stack.http().get(`/api/v1/detentions/${id}`).set('Authorization', casemanager).expect(200);
      check(res.body);
      return res.body;
    });
  }

  describe('registering an intake', () => {
    it('rejects bad input with a 400 naming every field, and stores nothing', async () => {
      const res = await register(
        intakeBody({
          person: { bsn: '123456789', name: '', dateOfBirth: '2015-01-01' },
          prison: 'PI-ALMELO',
          municipality: 'GM9999',
          probation: 'XX',
          intakeDate: addDays(today(), 3),
          expectedReleaseDate: '2020-01-01',
          nickname: 'unknown field',
        }),
      ).expect(400);
      expect(res.body.error).toBe('Bad Request');
      const messages: string[] = res.body.message;
      for (const field of [
        'person.bsn',
        'person.name',
        'municipality',
        'probation',
        'intakeDate must not be in the future',
        'expectedReleaseDate must not be before intakeDate',
        'property nickname should not exist',
      ]) {
        expect(messages.join('\n')).toContain(field);
      }
      const dob = await register(
        intakeBody({ person: { bsn: '123456782', name: 'X', dateOfBirth: addDays(intake(), -365 * 17) } }),
      ).expect(400);
      expect(dob.body.message).toEqual(['person.dateOfBirth must make the person 18 or older on the intakeDate']);
      expect((await stack.pg.query('SELECT count(*)::int AS n FROM detentions')).rows[0].n).toBe(0);
    });

    it('lets only casemanagers register, and only at their own prison', async () => {
      await stack.http().post('/api/v1/detentions').send(intakeBody()).expect(401);
      const municipality = await stack.as('municipality', 'GM0363');
      await stack.http().post('/api/v1/detentions').set('Authorization', municipality).send(intakeBody()).expect(403);
      const res = await register(intakeBody({ prison: 'PI-ZWOLLE' })).expect(403);
      expect(res.body.message).toMatch(/PI-ALMELO may register intakes at PI-ALMELO only/);
    });

    it('honours Idempotency-Key: same key and body → same detention (200), other body → 409', async () => {
      const body = intakeBody({ person: { bsn: '111222333', name: 'A. de Boer', dateOfBirth: '1985-02-03' } });
      const first = await register(body, 'intake-001').expect(201);
      expect(first.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.headers.location).toBe(`/api/v1/detentions/${first.body.id}`);
      const again = await register(body, 'intake-001').expect(200);
      expect(again.body.id).toBe(first.body.id);
      await register({ ...body, expectedReleaseDate: null }, 'intake-001').expect(409);
      // A second intake of someone still detained is refused: a transfer is the way.
      const twice = await register(body).expect(409);
      expect(twice.body.message).toMatch(/already in an open detention/);
      // Nothing about that detention is revealed: not the person, not its id, not the prison holding them.
      expect(twice.body.message).not.toMatch(/de Boer|111222333/);
      expect(twice.body.message).not.toContain(first.body.id);
      expect(twice.body.message).not.toMatch(/PI-/);
    });
  });

  describe('one detention, from intake to the first requests', () => {
    let id: string;

    beforeAll(async () => {
      id = (await register().expect(201)).body.id;
    });

    it('answers the registration with the plan, then shows what the workflow did', async () => {
      const detention = await projected(id, (d) => {
        expect(d.openTasks).toHaveLength(2);
        expect(d.openRequests).toHaveLength(2);
      });
      expect(detention).toMatchObject({
        workflowId: `detention-${id}`,
        phase: 'detained',
        prison: 'PI-ALMELO',
        person: { name: 'J. Jansen', bsn: '123456782' },
        basicConditions: { housing: { needsHelp: true, consent: null, status: 'amber', source: 'no-screening' } },
      });
      expect(detention.doneSteps.map((s: { instanceId: string }) => s.instanceId).sort()).toEqual([
        'detention-start-notice',
        'insurance-suspension',
        'screening',
      ]);
      expect(detention.doneSteps.every((s: { late: boolean }) => s.late)).toBe(true);
      expect(detention.openTasks.map((t: { type: string }) => t.type).sort()).toEqual([
        'insurance-suspension',
        'screening',
      ]);
      expect(detention.openRequests.map((r: { partnerId: string }) => r.partnerId).sort()).toEqual([
        'RN',
        'gm0363-nazorg',
      ]);
      expect(
        detention.plannedSteps.find((s: { instanceId: string }) => s.instanceId === 'housing-request'),
      ).toMatchObject({
        waitingFor: 'screening',
        rule: 'R−12w',
      });

      // Search attributes carry codes and dates only: never the person.
      const handle = stack.temporal.client.workflow.getHandle(`detention-${id}`);
      const described = await handle.describe();
      const attributes = Object.fromEntries(described.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value]));
      expect(JSON.stringify(attributes)).not.toMatch(/Jansen|123456782|1990-05-01/);
      expect(attributes).toMatchObject({
        TerugkeerPrison: 'PI-ALMELO',
        TerugkeerMunicipality: 'GM0363',
        TerugkeerPhase: 'detained',
        TerugkeerExpectedRelease: new Date(`${addDays(intake(), 120)}T00:00:00Z`),
      });
      // Its history holds the registration, encrypted: no name or BSN in what Temporal stores.
      const stored = payloadTexts(await handle.fetchHistory());
      expect(stored.length).toBeGreaterThan(1000);
      expect(stored).not.toMatch(/Jansen|123456782/);
    });

    it('keeps detentions within scope: 404 outside it, 403 for roles without access', async () => {
      const other = await stack.as('municipality', 'GM0599');
      await stack.http().get(`/api/v1/detentions/${id}`).set('Authorization', other).expect(404);
      const mine = await stack.as('municipality', 'GM0363');
      const seen = await stack.http().get(`/api/v1/detentions/${id}`).set('Authorization', mine).expect(200);
      expect(seen.body.person.bsn).toBe('123456782');
      const supervisor = await stack.as('supervisor', '*');
      const supervised = await stack
        .http()
        .get(`/api/v1/detentions/${id}`)
        .set('Authorization', supervisor)
        .expect(200);
      expect(supervised.body.person.bsn).toBeUndefined();
      await stack
        .http()
        .get(`/api/v1/detentions/${id}`)
        .set('Authorization', await stack.as('admin', '*'))
        .expect(403);
      await stack
        .http()
        .get(`/api/v1/detentions/${id}`)
        .set('Authorization', await stack.as('partner', 'RN'))
        .expect(403);
      await stack.http().get('/api/v1/detentions/not-a-uuid').set('Authorization', casemanager).expect(400);

      const list = await stack
        .http()
        .get('/api/v1/detentions?status=detained&pageSize=1')
        .set('Authorization', mine)
        .expect(200);
      expect(list.body).toMatchObject({ page: 1, pageSize: 1 });
      expect(list.body.total).toBeGreaterThanOrEqual(1);
      const none = await stack.http().get('/api/v1/detentions').set('Authorization', other).expect(200);
      expect(none.body.total).toBe(0);
      await stack.http().get('/api/v1/detentions?pageSize=500').set('Authorization', mine).expect(400);
    });

    it('delivers notices to the partner inbox, and takes partner answers through the state machine', async () => {
      const partner = await stack.as('partner', 'gm0363-nazorg');
      const inbox = await stack.http().get('/api/v1/requests').set('Authorization', partner).expect(200);
      const notice = inbox.body.items.find((r: { detentionId: string }) => r.detentionId === id);
      expect(notice).toMatchObject({
        type: 'detention-start-notice',
        status: 'sent',
        respondUrl: `/api/v1/requests/${notice.id}/responses`,
      });
      // A government desk gets the BSN; consent for help questions is not given yet, so none are shared.
      expect(notice.data.person.bsn).toBe('123456782');
      expect(notice.data.helpNeeded).toBeUndefined();

      const respond = (status: string, token = partner) =>
        stack
          .http()
          .post(`/api/v1/requests/${notice.id}/responses`)
          .set('Authorization', token)
          .send({ status, ...(status === 'declined' ? { reason: 'not ours' } : {}) });
      expect((await respond('received').expect(200)).body).toMatchObject({
        status: 'received',
        response: { effect: 'applied' },
      });
      expect((await respond('received').expect(200)).body.response.effect).toBe('duplicate');
      expect((await respond('completed').expect(200)).body.status).toBe('completed');
      expect((await respond('acknowledged').expect(200)).body.response.effect).toBe('stale');
      await respond('declined').expect(409);
      await respond('completed', await stack.as('partner', 'RN')).expect(404);
      await stack
        .http()
        .post(`/api/v1/requests/${notice.id}/responses`)
        .set('Authorization', partner)
        .send({ status: 'maybe' })
        .expect(400);
      const timeline = await eventually(async () => {
        const res = await stack
          .http()
          .get(`/api/v1/detentions/${id}/timeline`)
          .set('Authorization', casemanager)
          .expect(200);
        expect(res.body.events.some((e: { type: string }) => e.type === 'request-response')).toBe(true);
        return res.body;
      });
      const answer = timeline.events.find((e: { type: string }) => e.type === 'request-response');
      expect(answer.by).toMatchObject({ kind: 'partner', id: 'gm0363-nazorg' });
    });

    it('completes the screening through the task inbox; the plan moves on', async () => {
      const inbox = await stack.http().get('/api/v1/tasks?status=open').set('Authorization', casemanager).expect(200);
      const screening = inbox.body.items.find(
        (t: { type: string; detentionId: string }) => t.type === 'screening' && t.detentionId === id,
      );
      const task = await stack
        .http()
        .get(`/api/v1/tasks/${screening.id}`)
        .set('Authorization', casemanager)
        .expect(200);
      expect(task.body.outcomes).toEqual(['completed']);
      expect(task.body.formSchema.properties.data.required).toEqual(['needs', 'consent', 'conditions']);

      const bad = await stack
        .http()
        .post(`/api/v1/tasks/${screening.id}/complete`)
        .set('Authorization', casemanager)
        .send({ outcome: 'completed', data: { needs: { id: 'yes' }, consent: {}, extra: 1 } })
        .expect(400);
      expect(bad.body.message).toEqual(
        expect.arrayContaining([
          'data.needs.id must be a boolean value',
          'data.extra should not exist',
          'data.conditions should not be null or undefined',
        ]),
      );
      await stack
        .http()
        .post(`/api/v1/tasks/${screening.id}/claim`)
        .set('Authorization', await stack.as('casemanager', 'PI-ALMELO', 'cm-other'))
        .expect(200);
      await stack
        .http()
        .post(`/api/v1/tasks/${screening.id}/complete`)
        .set('Authorization', casemanager)
        .send({ outcome: 'completed', data: screeningData() })
        .expect(409);
      await stack
        .http()
        .post(`/api/v1/tasks/${screening.id}/unclaim`)
        .set('Authorization', await stack.as('casemanager', 'PI-ALMELO', 'cm-other'))
        .expect(200);
      const done = await stack
        .http()
        .post(`/api/v1/tasks/${screening.id}/complete`)
        .set('Authorization', casemanager)
        .send({ outcome: 'completed', data: screeningData() })
        .expect(200);
      expect(done.body).toMatchObject({ status: 'done', outcome: 'completed', completedBy: 'cm-almelo' });
      await stack
        .http()
        .post(`/api/v1/tasks/${screening.id}/complete`)
        .set('Authorization', casemanager)
        .send({ outcome: 'completed', data: screeningData() })
        .expect(409);

      // The ID application goes to where the prison stands (Almelo); debt help to the municipality. Screened on a
      // weekend or holiday, or before six, they go out at six on the next working day (rule 10).
      const now = stepsOfTodayFireNow();
      const detention = await projected(id, (d) => {
        if (!now) {
          const planned = d.plannedSteps.find((s: { instanceId: string }) => s.instanceId === 'id-application');
          expect(planned).toMatchObject({ state: 'planned', plannedDate: nextFiringDay() });
          return;
        }
        const types = d.openRequests.map((r: { type: string }) => r.type);
        expect(types).toEqual(expect.arrayContaining(['id-application', 'debt-help-referral']));
      });
      if (now) {
        expect(detention.openRequests.find((r: { type: string }) => r.type === 'id-application').partnerId).toBe(
          'gm0141-burgerzaken',
        );
      }
      expect(detention.screeningCompletedDate).toBe(today());
      // Housing is asked for at R−12w: needed, screened, not asked yet.
      expect(detention.basicConditions.housing).toMatchObject({
        needsHelp: true,
        consent: true,
        status: 'amber',
        source: 'no-request',
        shared: true,
      });
    });

    it('previews a release date without changing anything, then changes it: moved, late, withdrawn', async () => {
      const earlier = addDays(intake(), 60);
      const preview = await stack
        .http()
        .get(`/api/v1/detentions/${id}/preview?expectedReleaseDate=${earlier}`)
        .set('Authorization', casemanager)
        .expect(200);
      expect(preview.body.changes.moved.map((c: { instanceId: string }) => c.instanceId)).toContain(
        'benefit-pre-application',
      );
      const unchanged = await stack
        .http()
        .get(`/api/v1/detentions/${id}`)
        .set('Authorization', casemanager)
        .expect(200);
      expect(unchanged.body.expectedReleaseDate).toBe(addDays(intake(), 120));
      // An empty date is an unknown one: the release-relative steps wait for it.
      const unknown = await stack
        .http()
        .get(`/api/v1/detentions/${id}/preview?expectedReleaseDate=`)
        .set('Authorization', casemanager)
        .expect(200);
      expect(unknown.body.expectedReleaseDate).toBeNull();
      expect(
        unknown.body.steps.find((s: { instanceId: string }) => s.instanceId === 'benefit-pre-application'),
      ).toMatchObject({ plannedDate: null, waitingFor: 'expectedReleaseDate' });
      await stack
        .http()
        .get(`/api/v1/detentions/${id}/preview?expectedReleaseDate=2001-01-01`)
        .set('Authorization', casemanager)
        .expect(400);

      const moved = await stack
        .http()
        .put(`/api/v1/detentions/${id}/expected-release`)
        .set('Authorization', casemanager)
        .send({ expectedReleaseDate: addDays(intake(), 20), reason: 'capacity-driven early release' })
        .expect(200);
      // A 20-day stay: release-relative steps before intake fire at intake — a working day ago or more, so late.
      expect(moved.body.late.map((c: { instanceId: string }) => c.instanceId).sort()).toEqual([
        'bank-account-digid',
        'benefit-pre-application',
        'housing-request',
      ]);
      expect(moved.body.skipped.map((c: { instanceId: string }) => c.instanceId)).toEqual(
        expect.arrayContaining(['exit-meeting', 'trajectory-meeting#2']),
      );
      expect(moved.body).toMatchObject({ expectedReleaseDate: addDays(intake(), 20), withdrawn: [] });
      await stack
        .http()
        .put(`/api/v1/detentions/${id}/expected-release`)
        .set('Authorization', casemanager)
        .send({ expectedReleaseDate: 'soon' })
        .expect(400)
        .expect((res) =>
          expect(res.body.message).toEqual(
            expect.arrayContaining(['expectedReleaseDate must be a date (YYYY-MM-DD)', 'reason must be a string']),
          ),
        );
      await stack
        .http()
        .put(`/api/v1/detentions/${id}/expected-release`)
        .set('Authorization', casemanager)
        .send({ expectedReleaseDate: '2001-01-01', reason: 'typo' })
        .expect(400)
        .expect((res) =>
          expect(res.body.message).toEqual([
            'expectedReleaseDate must not be in the past while the person is detained (record the release instead)',
          ]),
        );
      // Rule 10: yesterday is in the past too, although after the intake.
      await stack
        .http()
        .put(`/api/v1/detentions/${id}/expected-release`)
        .set('Authorization', casemanager)
        .send({ expectedReleaseDate: addDays(today(), -1), reason: 'typo' })
        .expect(400);
    });

    it('revokes consent: the housing request is withdrawn at the partner', async () => {
      const res = await stack
        .http()
        .put(`/api/v1/detentions/${id}/consent`)
        .set('Authorization', casemanager)
        .send({ housing: false })
        .expect(200);
      expect(res.body.changes.withdrawn.map((c: { instanceId: string }) => c.instanceId)).toEqual(['housing-request']);
      const partner = await stack.as('partner', 'gm0363-nazorg');
      const inbox = await eventually(async () => {
        const r = await stack
          .http()
          .get('/api/v1/requests?type=housing-request')
          .set('Authorization', partner)
          .expect(200);
        expect(r.body.items[0].status).toBe('withdrawn');
        return r.body;
      });
      // The partner is told to stop processing (the detainee withdrew consent for this request), nothing more; the
      // case's timeline holds the whole reason.
      expect(inbox.items[0].withdrawReason).toBe('consent-withdrawn');
      await stack
        .http()
        .post(`/api/v1/requests/${inbox.items[0].id}/responses`)
        .set('Authorization', partner)
        .send({ status: 'accepted' })
        .expect(200)
        .expect((r) => expect(r.body).toMatchObject({ status: 'withdrawn', response: { effect: 'withdrawn' } }));
      await stack.http().put(`/api/v1/detentions/${id}/consent`).set('Authorization', casemanager).send({}).expect(400);
    });

    it('transfers, changes municipality, and ends; afterwards changes are refused (409)', async () => {
      const transfer = await stack
        .http()
        .post(`/api/v1/detentions/${id}/transfer`)
        .set('Authorization', casemanager)
        .send({ prison: 'PI-ZWOLLE', date: today() })
        .expect(200);
      expect(transfer.body.detention).toBeNull(); // no longer in Almelo's scope
      const zwolle = await stack.as('casemanager', 'PI-ZWOLLE');
      await stack.http().get(`/api/v1/detentions/${id}`).set('Authorization', casemanager).expect(404);
      const tasks = await stack
        .http()
        .get(`/api/v1/tasks?detentionId=${id}&status=open`)
        .set('Authorization', zwolle)
        .expect(200);
      expect(tasks.body.items.length).toBeGreaterThan(0);

      const municipality = await stack
        .http()
        .post(`/api/v1/detentions/${id}/municipality`)
        .set('Authorization', zwolle)
        .send({ municipality: 'GM0599', reason: 'moves to family in Rotterdam' })
        .expect(200);
      expect(municipality.body.detention.municipality).toBe('GM0599');
      // The benefit pre-application (sent at intake: a short stay) follows to Rotterdam.
      const rotterdam = await stack.as('partner', 'gm0599-nazorg');
      await eventually(async () => {
        const r = await stack
          .http()
          .get('/api/v1/requests?type=benefit-pre-application')
          .set('Authorization', rotterdam)
          .expect(200);
        expect(r.body.items).toHaveLength(1);
      });

      const end = await stack
        .http()
        .post(`/api/v1/detentions/${id}/end`)
        .set('Authorization', zwolle)
        .send({ reason: 'deceased', date: today() })
        .expect(200);
      expect(end.body.detention).toMatchObject({
        phase: 'closed',
        closed: { reason: 'deceased' },
        openRequests: [],
        openTasks: [],
      });
      await stack
        .http()
        .put(`/api/v1/detentions/${id}/expected-release`)
        .set('Authorization', zwolle)
        .send({ expectedReleaseDate: null, reason: 'x' })
        .expect(409);
      await stack
        .http()
        .post(`/api/v1/detentions/${id}/end`)
        .set('Authorization', zwolle)
        .send({ reason: 'sometime', date: today() })
        .expect(400);
      const timeline = await stack
        .http()
        .get(`/api/v1/detentions/${id}/timeline`)
        .set('Authorization', zwolle)
        .expect(200);
      const types = timeline.body.events.map((e: { type: string }) => e.type);
      expect(types[0]).toBe('registered');
      expect(types).toEqual(
        expect.arrayContaining([
          'expected-release-changed',
          'consent-changed',
          'transferred',
          'municipality-changed',
          'ended',
          'case-closed',
        ]),
      );
      const seqs = timeline.body.events.map((e: { seq: number }) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const fired = timeline.body.events.find(
        (e: { type: string; stepInstanceId: string }) =>
          e.type === 'step-fired' && e.stepInstanceId === 'housing-request',
      );
      expect(fired.by).toMatchObject({ kind: 'rule', label: 'R−12w Housing request' });
      // What an inspector reads of each event: the day it is about, what it is about, what a person wrote.
      expect(fired).toMatchObject({ conditions: ['housing'], subject: { kind: 'step', type: 'housing-request' } });
      const event = (type: string) => timeline.body.events.find((e: { type: string }) => e.type === type);
      expect(event('municipality-changed')).toMatchObject({ reason: 'moves to family in Rotterdam', conditions: [] });
      expect(event('ended')).toMatchObject({ on: today(), conditions: ['id', 'housing', 'income', 'debts', 'care'] });
      expect(event('consent-changed').conditions.length).toBeGreaterThan(0);
    });
  });

  it('a new intake of someone in aftercare closes the old case as re-detained', async () => {
    const person = { bsn: '010000008', name: 'R. Terug', dateOfBirth: '1980-08-08' };
    const first = (await register(intakeBody({ person, expectedReleaseDate: null })).expect(201)).body.id;
    await projected(first, (d) => expect(d.openTasks).toHaveLength(2));
    await stack
      .http()
      .post(`/api/v1/detentions/${first}/release`)
      .set('Authorization', casemanager)
      .send({ releaseDate: today(), releaseAddressKnown: true })
      .expect(200)
      .expect((res) => expect(res.body.detention.phase).toBe('aftercare'));

    const second = (await register(intakeBody({ person, intakeDate: today(), expectedReleaseDate: null })).expect(201))
      .body.id;
    expect(second).not.toBe(first);
    const old = await projected(first, (d) => expect(d.phase).toBe('closed'));
    expect(old.closed).toEqual({ reason: 're-detained', date: today() });
    const timeline = await stack
      .http()
      .get(`/api/v1/detentions/${first}/timeline`)
      .set('Authorization', casemanager)
      .expect(200);
    expect(timeline.body.events.find((e: { type: string }) => e.type === 'ended').by).toMatchObject({
      kind: 'system',
      id: 'terugkeer',
    });
  });

  it('an intake accepted while Temporal is down still reaches its workflow (intake relay)', async () => {
    const { startApi } = await import('../support/stack');
    const cutOff = await startApi({ ...stack.options, temporalAddress: '127.0.0.1:1' });
    try {
      const body = intakeBody({
        person: { bsn: '999999990', name: 'P. Relay', dateOfBirth: '1970-01-01' },
        expectedReleaseDate: null,
      });
      const res = await (
        await import('supertest')
      )
        .default(cutOff.getHttpServer())
        .post('/api/v1/detentions')
        .set('Authorization', casemanager)
        .send(body)
        .expect(201);
      const row = await stack.pg.query('SELECT workflow_started_at FROM detentions WHERE id = $1', [res.body.id]);
      expect(row.rows[0].workflow_started_at).toBeNull();
      // Once its grace period has passed, the worker's relay starts it (run now, rather than on its timer).
      await stack.pg.query(`UPDATE detentions SET registered_at = now() - interval '1 minute' WHERE id = $1`, [
        res.body.id,
      ]);
      await stack.worker.app.get(IntakeRelay).relay();
      await projected(res.body.id, (d) => expect(d.openTasks).toHaveLength(2));
      const started = await stack.pg.query('SELECT workflow_started_at FROM detentions WHERE id = $1', [res.body.id]);
      expect(started.rows[0].workflow_started_at).not.toBeNull();
    } finally {
      await cutOff.close();
    }
  });
});

function screeningData() {
  return {
    needs: { id: true, housing: true, income: true, debts: true, care: false, bankAccount: false, digid: true },
    consent: { id: true, housing: true, income: true, debts: true, care: true },
    conditions: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention'])),
    idDocumentExpiry: null,
  };
}

/** Every byte string in a history (payload data above all), read as text: what someone with the store sees. */
function payloadTexts(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(payloadTexts).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(payloadTexts).join('\n');
  return '';
}
