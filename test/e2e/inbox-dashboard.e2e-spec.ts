import { addDays, amsterdamDate, onOrBeforeWorkingDay } from '@terugkeer/domain';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

const today = () => amsterdamDate(Date.now());

describe('task inbox and supervisor dashboard (API, real stack)', () => {
  let stack: Stack;
  const ids: Record<string, string> = {};

  async function register(
    key: string,
    prison: string,
    municipality: string,
    bsn: string,
    intake: number,
    release: number | null,
  ) {
    const cm = await stack.as('casemanager', prison, `cm-${prison}`);
    const res = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', cm)
      .send({
        person: { bsn, name: `Person ${key}`, dateOfBirth: '1985-01-01' },
        prison,
        municipality,
        probation: 'RN',
        // On a working day: the steps at intake of one registered on a weekend are due on the Monday (rule 10).
        intakeDate: onOrBeforeWorkingDay(addDays(today(), intake)),
        expectedReleaseDate: release === null ? null : addDays(today(), release),
        casemanager: { name: 'C', email: 'c@dji.example', phone: '+31 88 000 0000' },
        needs: { id: true, housing: true, income: true, debts: false, care: false, bankAccount: false, digid: false },
        idDocumentExpiry: null,
      })
      .expect(201);
    ids[key] = res.body.id;
  }

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    await register('soon', 'PI-ALMELO', 'GM0363', '123456782', -60, 10);
    await register('later', 'PI-ALMELO', 'GM0599', '111222333', -2, 150);
    await register('zwolle', 'PI-ZWOLLE', 'GM0193', '999999990', -1, null);
    await eventually(async () => {
      const { rows } = await stack.pg.query('SELECT count(*)::int AS n FROM tasks');
      // Two prison tasks each, an exit meeting for the release in 10 days (R−4w has passed) with its invitations
      // to the municipality and probation, and for Zwolle a municipality task: no partner takes its notices.
      expect(rows[0].n).toBe(10);
    });
  });
  afterAll(() => stack?.close());

  describe('inbox scoping', () => {
    it("shows a casemanager only their prison's tasks, a municipality only its own, a supervisor what is in scope", async () => {
      const almelo = await stack
        .http()
        .get('/api/v1/tasks')
        .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
        .expect(200);
      expect(almelo.body.total).toBe(5);
      expect(new Set(almelo.body.items.map((t: { org: string }) => t.org))).toEqual(new Set(['PI-ALMELO']));
      expect(almelo.body.items[0].detention).toMatchObject({
        personName: expect.stringMatching(/^Person /),
        prison: 'PI-ALMELO',
      });

      const zwolle = await stack
        .http()
        .get('/api/v1/tasks')
        .set('Authorization', await stack.as('casemanager', 'PI-ZWOLLE'))
        .expect(200);
      expect(zwolle.body.items.map((t: { detentionId: string }) => t.detentionId)).toEqual([ids.zwolle, ids.zwolle]);

      const municipality = await stack
        .http()
        .get('/api/v1/tasks')
        .set('Authorization', await stack.as('municipality', 'GM0363'))
        .expect(200);
      // The notices went to partners; the municipality is invited to the exit meeting (rule 6).
      expect(municipality.body.items.map((t: { type: string }) => t.type)).toEqual(['meeting-invitation']);
      // Zwolle has no partner for its notices (and probation, registered for all municipalities, is not one).
      const zwolleMunicipality = await stack
        .http()
        .get('/api/v1/tasks')
        .set('Authorization', await stack.as('municipality', 'GM0193'))
        .expect(200);
      expect(zwolleMunicipality.body.items.map((t: { type: string }) => t.type)).toEqual(['request-follow-up']);

      const supervisor = await stack
        .http()
        .get('/api/v1/tasks')
        .set('Authorization', await stack.as('supervisor', 'PI-ZWOLLE'))
        .expect(200);
      expect(supervisor.body.total).toBe(3);
      const national = await stack
        .http()
        .get('/api/v1/tasks')
        .set('Authorization', await stack.as('supervisor', '*'))
        .expect(200);
      expect(national.body.total).toBe(10);

      await stack
        .http()
        .get('/api/v1/tasks')
        .set('Authorization', await stack.as('partner', 'RN'))
        .expect(403);
      const foreign = almelo.body.items[0].id;
      await stack
        .http()
        .get(`/api/v1/tasks/${foreign}`)
        .set('Authorization', await stack.as('casemanager', 'PI-ZWOLLE'))
        .expect(404);
      await stack
        .http()
        .post(`/api/v1/tasks/${foreign}/claim`)
        .set('Authorization', await stack.as('supervisor', '*'))
        .expect(403);
    });

    it('filters overdue and by assignee, and sorts by risk: overdue first, then the soonest release', async () => {
      const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-a');
      const overdue = await stack.http().get('/api/v1/tasks?status=overdue').set('Authorization', cm).expect(200);
      expect(
        overdue.body.items.map((t: { detentionId: string; type: string }) => [t.detentionId, t.type]).sort(),
      ).toEqual(
        [
          [ids.soon, 'exit-meeting'],
          [ids.soon, 'insurance-suspension'],
          [ids.soon, 'screening'],
        ].sort(),
      );
      expect(overdue.body.items.every((t: { overdue: boolean }) => t.overdue)).toBe(true);

      const byRisk = await stack.http().get('/api/v1/tasks?sort=risk').set('Authorization', cm).expect(200);
      expect(byRisk.body.items.map((t: { detentionId: string }) => t.detentionId)).toEqual([
        ids.soon,
        ids.soon,
        ids.soon,
        ids.later,
        ids.later,
      ]);

      const [mine] = byRisk.body.items.slice(-1);
      await stack.http().post(`/api/v1/tasks/${mine.id}/claim`).set('Authorization', cm).expect(200);
      const claimed = await stack.http().get('/api/v1/tasks?assignee=me').set('Authorization', cm).expect(200);
      expect(claimed.body.items.map((t: { id: string }) => t.id)).toEqual([mine.id]);
      await stack.http().get('/api/v1/tasks?status=late').set('Authorization', cm).expect(400);
      await stack.http().get('/api/v1/tasks?sort=name').set('Authorization', cm).expect(400);
    });
  });

  describe('optimistic concurrency', () => {
    it('one of two completions of the same version wins; the stale one gets 409', async () => {
      const cm = await stack.as('casemanager', 'PI-ZWOLLE', 'cm-z1');
      const other = await stack.as('casemanager', 'PI-ZWOLLE', 'cm-z2');
      const list = await stack
        .http()
        .get('/api/v1/tasks?type=insurance-suspension')
        .set('Authorization', cm)
        .expect(200);
      const task = list.body.items[0];
      const complete = (who: string) =>
        stack
          .http()
          .post(`/api/v1/tasks/${task.id}/complete`)
          .set('Authorization', who)
          .send({ outcome: 'suspended', data: {}, version: task.version });
      const [a, b] = await Promise.all([complete(cm), complete(other)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.message).toMatch(/already done|version|changed/);
    });
  });

  describe('readiness dashboard', () => {
    it('ranks detentions in scope by the risk of release without ID, housing or income', async () => {
      const res = await stack
        .http()
        .get('/api/v1/dashboard')
        .set('Authorization', await stack.as('supervisor', '*'))
        .expect(200);
      expect(res.body.readiness.map((r: { detentionId: string }) => r.detentionId)).toEqual([
        ids.soon,
        ids.later,
        ids.zwolle,
      ]);
      const soon = res.body.readiness[0];
      expect(soon).toMatchObject({
        daysToRelease: 10,
        conditions: { id: 'red', housing: 'red', income: 'red', debts: 'green', care: 'green' },
      });
      expect(soon.risk).toBe(27);
      expect(res.body.figures.detentions).toEqual({ total: 3, detained: 3, aftercare: 0, closed: 0 });
      expect(res.body.figures.tasks.overdue).toBe(5); // with the two invitations to the overdue exit meeting
      expect(res.body.figures.segments.lengthOfStay).toMatchObject({
        '29–90d': { detentions: 1 },
        '91–365d': { detentions: 1 },
        unknown: { detentions: 1 },
      });
      expect(Object.keys(res.body.figures.segments.municipality).sort()).toEqual(['GM0193', 'GM0363', 'GM0599']);
      expect(res.body.figures.outcomes.intake.id).toEqual({ ok: 0, attention: 0, missing: 0 });
    });

    it('pages the board in the order of its risk, searches it, and names a bad page size', async () => {
      const supervisor = await stack.as('supervisor', '*');
      const whole = await stack.http().get('/api/v1/dashboard').set('Authorization', supervisor).expect(200);
      // Ranked in SQL from each case's readiness summary, shown from its rows by the one rule: the same order.
      const risks = whole.body.readiness.map((r: { risk: number }) => r.risk);
      expect(risks).toEqual([...risks].sort((a, b) => b - a));
      expect(whole.body).toMatchObject({ page: 1, pageSize: 50, total: 3, totalCapped: false });
      const second = await stack
        .http()
        .get('/api/v1/dashboard?page=2&pageSize=1')
        .set('Authorization', supervisor)
        .expect(200);
      expect(second.body.readiness.map((r: { detentionId: string }) => r.detentionId)).toEqual([ids.later]);
      expect(second.body).toMatchObject({ page: 2, pageSize: 1, total: 3 });
      // The figures are always the whole scope's, whatever the page.
      expect(second.body.figures).toEqual(whole.body.figures);
      const found = await stack
        .http()
        .get('/api/v1/dashboard?q=person%20zwol')
        .set('Authorization', supervisor)
        .expect(200);
      expect(found.body.readiness.map((r: { detentionId: string }) => r.detentionId)).toEqual([ids.zwolle]);
      expect(found.body.total).toBe(1);
      const bad = await stack
        .http()
        .get('/api/v1/dashboard?pageSize=0&page=x')
        .set('Authorization', supervisor)
        .expect(400);
      expect(bad.body.message.join(' ')).toMatch(/pageSize/);
      expect(bad.body.message.join(' ')).toMatch(/page must/);
    });

    it('keeps to the supervisor scope, shows escalations, and is for supervisors only', async () => {
      await stack.pg.query(`UPDATE tasks SET escalated_at = now() WHERE detention_id = $1 AND type = 'screening'`, [
        ids.later,
      ]);
      const almelo = await stack
        .http()
        .get('/api/v1/dashboard')
        .set('Authorization', await stack.as('supervisor', 'PI-ALMELO'))
        .expect(200);
      expect(almelo.body.readiness.map((r: { detentionId: string }) => r.detentionId).sort()).toEqual(
        [ids.soon, ids.later].sort(),
      );
      expect(almelo.body.figures.tasks.escalated).toBe(1);
      expect(
        almelo.body.readiness.find((r: { detentionId: string }) => r.detentionId === ids.later).escalatedTasks,
      ).toBe(1);
      // The municipality side sees no light of a condition the detainee did not consent to share (rule 5).
      const rotterdam = await stack
        .http()
        .get('/api/v1/dashboard')
        .set('Authorization', await stack.as('supervisor', 'GM0599'))
        .expect(200);
      const later = rotterdam.body.readiness.find((r: { detentionId: string }) => r.detentionId === ids.later);
      expect(later.conditions).toEqual({ id: null, housing: null, income: null, debts: null, care: null });
      const prison = almelo.body.readiness.find((r: { detentionId: string }) => r.detentionId === ids.later);
      expect(
        Object.values(prison.conditions).every((light) => ['green', 'amber', 'red'].includes(light as string)),
      ).toBe(true);
      await stack
        .http()
        .get('/api/v1/dashboard')
        .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
        .expect(403);
    });

    it('counts releases: valid ID, housing, decided income application, insurance resumed', async () => {
      const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-a');
      await stack
        .http()
        .post(`/api/v1/detentions/${ids.soon}/release`)
        .set('Authorization', cm)
        // Released on the last working day: the release-day steps are due now, whatever the hour (rule 10).
        .send({ releaseDate: onOrBeforeWorkingDay(addDays(today(), -1)), releaseAddressKnown: true })
        .expect(200);
      const municipality = await stack.as('municipality', 'GM0363', 'mun-1');
      const resumption = await eventually(async () => {
        const res = await stack
          .http()
          .get(`/api/v1/tasks?detentionId=${ids.soon}&type=insurance-resumption`)
          .set('Authorization', municipality)
          .expect(200);
        expect(res.body.items).toHaveLength(1);
        return res.body.items[0];
      });
      await stack
        .http()
        .post(`/api/v1/tasks/${resumption.id}/complete`)
        .set('Authorization', municipality)
        .send({
          outcome: 'resumed',
          data: {
            careAllowanceApplied: true,
            conditions: { id: 'ok', housing: 'missing', income: 'attention', debts: 'ok', care: 'ok' },
          },
        })
        .expect(200);
      const res = await eventually(async () => {
        const r = await stack
          .http()
          .get('/api/v1/dashboard')
          .set('Authorization', await stack.as('supervisor', '*'))
          .expect(200);
        expect(r.body.figures.releases.releases).toBe(1);
        return r.body;
      });
      // The ID was needed and never applied for: the release measurement, taken at X, says so; the municipality's
      // "ok" at the resumption task afterwards does not change it (rule 12).
      expect(res.figures.releases).toEqual({
        releases: 1,
        validId: 0,
        housing: 0,
        incomeApplicationDecided: 0,
        insuranceResumed: 1,
      });
      expect(res.figures.outcomes.release.housing).toEqual({ ok: 0, attention: 0, missing: 1 });
      expect(res.readiness.map((r: { detentionId: string }) => r.detentionId)).not.toContain(ids.soon);
    });
  });
});
