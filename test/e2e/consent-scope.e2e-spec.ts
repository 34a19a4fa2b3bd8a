import { amsterdamDate, BASIC_CONDITIONS } from '@terugkeer/domain';
import { intakeBody } from '../support/intake';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

type Item = {
  id: string;
  type: string;
  stepId: string;
  requestId: string | null;
  summary: string;
  data: never;
  conditions: string[];
};

/**
 * Consent and scope on reads (issue 9): the chain sees a basic condition — its need, status and every step,
 * request, task and timeline entry about it — only while the detainee consents to share it; supervisors never see
 * a BSN in the request list; tasks and requests are read by the detention's current prison and municipality.
 *
 * The request whose consent is revoked is the care-continuity request, not the debt-help referral: the referral
 * fires at the screening (`S`), which is today, and screened on a weekend or holiday (or before six) it goes out at
 * six on the next working day (rule 10) — never within the test's wait. Care continuity fires at R−6w; released in
 * 30 days that moment is past, so it goes out the moment the screening gives the consent it waits for, whatever the
 * day and hour. Consent for the debts is revoked too: their need, status and screening answers are hidden alike.
 */
describe('consent and current scope on reads', () => {
  let stack: Stack;
  let id: string;
  let careRequestId: string;
  let screeningId: string;
  const get = async (path: string, role: string, org: string, status?: number) => {
    const res = await stack
      .http()
      .get(path)
      .set('Authorization', await stack.as(role, org));
    if (status !== undefined) expect({ path, role, org, status: res.status }).toEqual({ path, role, org, status });
    return res;
  };

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    const casemanager = await stack.as('casemanager', 'PI-ALMELO');
    const created = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', casemanager)
      .send(intakeBody({ releaseInDays: 30 }))
      .expect(201);
    id = created.body.id;
    const screening = await eventually(async () => {
      const { body } = await get(`/api/v1/tasks?detentionId=${id}&type=screening`, 'casemanager', 'PI-ALMELO');
      expect(body.items).toHaveLength(1);
      return body.items[0];
    });
    screeningId = screening.id;
    await stack
      .http()
      .post(`/api/v1/tasks/${screening.id}/complete`)
      .set('Authorization', casemanager)
      .send({
        outcome: 'completed',
        data: {
          needs: { id: true, housing: true, income: true, debts: true, care: true, bankAccount: false, digid: false },
          consent: { id: true, housing: true, income: true, debts: true, care: true },
          conditions: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention'])),
          idDocumentExpiry: null,
        },
      })
      .expect(200);
    careRequestId = await eventually(async () => {
      const { body } = await get('/api/v1/requests?type=care-continuity', 'municipality', 'GM0363');
      expect(body.items).toHaveLength(1);
      return body.items[0].id;
    });
    await stack
      .http()
      .put(`/api/v1/detentions/${id}/consent`)
      .set('Authorization', casemanager)
      .send({ care: false, debts: false })
      .expect(200);
  });
  afterAll(() => stack?.close());

  it('hides what is about a condition without consent from the municipality, not from the prison', async () => {
    await eventually(async () => {
      const requests = await get('/api/v1/requests?type=care-continuity', 'municipality', 'GM0363');
      expect(requests.body.total).toBe(0);
    });
    const prison = await get('/api/v1/requests?type=care-continuity', 'casemanager', 'PI-ALMELO');
    expect(prison.body.items).toMatchObject([{ id: careRequestId, status: 'withdrawn' }]);

    const view = (await get(`/api/v1/detentions/${id}`, 'municipality', 'GM0363', 200)).body;
    const steps: Item[] = [...view.plannedSteps, ...view.doneSteps, ...view.skippedSteps];
    expect(steps.map((s) => s.stepId)).not.toContain('care-continuity');
    expect(steps.map((s) => s.stepId)).not.toContain('debt-help-referral');
    expect(steps.map((s) => s.stepId)).toContain('housing-request');
    for (const condition of ['care', 'debts']) {
      expect(view.basicConditions[condition]).toMatchObject({ shared: false, needsHelp: null, status: null });
      expect(view.needs).not.toHaveProperty(condition);
    }
    const prisonView = (await get(`/api/v1/detentions/${id}`, 'casemanager', 'PI-ALMELO')).body;
    const prisonSteps = [...prisonView.doneSteps, ...prisonView.plannedSteps, ...prisonView.skippedSteps];
    expect(prisonSteps.map((s: Item) => s.stepId)).toEqual(
      expect.arrayContaining(['care-continuity', 'debt-help-referral']),
    );

    const timeline = (await get(`/api/v1/detentions/${id}/timeline`, 'municipality', 'GM0363', 200)).body;
    expect(timeline.events.filter((e: Item) => e.requestId === careRequestId)).toEqual([]);
    // That consent was refused is no secret (the view shows consent); nothing about care or debts is shown.
    expect(timeline.events.map((e: Item) => e.summary).join('\n')).not.toMatch(
      /care-continuity|care (green|red|attention)|debt-help|debts (green|red|attention)/i,
    );
    const prisonTimeline = (await get(`/api/v1/detentions/${id}/timeline`, 'casemanager', 'PI-ALMELO')).body;
    expect(prisonTimeline.events.some((e: Item) => e.requestId === careRequestId)).toBe(true);
    // The conditions an event is about, as the reader may see them: care and debts only for the prison.
    const about = (events: Item[]) => new Set(events.flatMap((e: Item) => e.conditions));
    expect(about(timeline.events).has('care')).toBe(false);
    expect(about(timeline.events).has('debts')).toBe(false);
    expect(about(timeline.events).has('housing')).toBe(true);
    expect(about(prisonTimeline.events).has('care')).toBe(true);
    expect(about(prisonTimeline.events).has('debts')).toBe(true);

    // A supervisor on the municipality's side reads the screening without the debts; one over everything with.
    const screening = (await get(`/api/v1/tasks/${screeningId}`, 'supervisor', 'GM0363', 200)).body;
    for (const condition of ['care', 'debts']) {
      expect(screening.data.needs).not.toHaveProperty(condition);
      expect(screening.data.conditions).not.toHaveProperty(condition);
    }
    expect(screening.data.needs).toHaveProperty('housing');
    const all = (await get(`/api/v1/tasks/${screeningId}`, 'supervisor', '*', 200)).body;
    expect(all.data.needs).toMatchObject({ care: true, debts: true });
  });

  it('gives supervisors no BSN in the request list; the government partner has it', async () => {
    const supervisor = await get('/api/v1/requests?pageSize=200', 'supervisor', '*');
    expect(supervisor.body.total).toBeGreaterThan(0);
    expect(JSON.stringify(supervisor.body)).not.toContain('123456782');
    for (const item of supervisor.body.items) if (item.data.person) expect(item.data.person).not.toHaveProperty('bsn');
    const partner = await get('/api/v1/requests?type=detention-start-notice', 'partner', 'RN');
    expect(partner.body.items[0].data.person).toMatchObject({ bsn: '123456782' });
  });

  it('scopes tasks and requests by the current prison and municipality', async () => {
    const suspension = (
      await get(`/api/v1/tasks?detentionId=${id}&type=insurance-suspension`, 'casemanager', 'PI-ALMELO')
    ).body.items[0];
    expect(suspension).toBeDefined();
    await stack
      .http()
      .post(`/api/v1/detentions/${id}/transfer`)
      .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
      .send({ prison: 'PI-ZWOLLE', date: amsterdamDate(Date.now()) })
      .expect(200);
    await eventually(async () => {
      expect((await get(`/api/v1/tasks/${suspension.id}`, 'casemanager', 'PI-ZWOLLE')).status).toBe(200);
    });
    await get(`/api/v1/tasks/${suspension.id}`, 'casemanager', 'PI-ALMELO', 404);
    await get(`/api/v1/tasks/${screeningId}`, 'casemanager', 'PI-ALMELO', 404);
    expect((await get(`/api/v1/tasks?detentionId=${id}`, 'casemanager', 'PI-ALMELO')).body.total).toBe(0);
    expect((await get(`/api/v1/requests`, 'casemanager', 'PI-ALMELO')).body.total).toBe(0);

    await stack
      .http()
      .post(`/api/v1/detentions/${id}/municipality`)
      .set('Authorization', await stack.as('casemanager', 'PI-ZWOLLE'))
      .send({ municipality: 'GM0599', reason: 'moves to Rotterdam' })
      .expect(200);
    await eventually(async () => {
      expect((await get('/api/v1/requests', 'municipality', 'GM0363')).body.total).toBe(0);
      expect((await get('/api/v1/requests', 'municipality', 'GM0599')).body.total).toBeGreaterThan(0);
    });
    expect((await get(`/api/v1/tasks?detentionId=${id}`, 'supervisor', 'GM0363')).body.total).toBe(0);
  });
});
