import { addDays, addMonths, amsterdamDate, BASIC_CONDITIONS, onOrBeforeWorkingDay } from '@terugkeer/domain';
import { PartnerSimulator } from '../../apps/partner-sim/src/partner-simulator';
import { eventually, startStack, type Stack } from '../support/stack';

const today = () => amsterdamDate(Date.now());

/**
 * Rule 1 through HTTP with the partner simulator: a remand detention (no expected release date) is released by the
 * court. What the chain organisations received, and what the municipality finds in its inbox.
 */
describe('remand released by the court (HTTP, partner simulator)', () => {
  let stack: Stack;
  let simulator: PartnerSimulator;
  let id: string;
  // The court released him on the last working day before today: the release-day steps are due, whatever the hour.
  const released = onOrBeforeWorkingDay(addDays(today(), -1));
  const intake = onOrBeforeWorkingDay(addDays(released, -14));
  const casemanager = () => stack.as('casemanager', 'PI-ALMELO', 'cm-1');
  const municipality = () => stack.as('municipality', 'GM0363', 'mun-1');
  const received = (type: string) => simulator.received().filter((m) => m.type === type);

  beforeAll(async () => {
    simulator = new PartnerSimulator({ partners: [], seed: 11 });
    const simUrl = await simulator.listen();
    stack = await startStack();
    const admin = await stack.as('admin', '*');
    const partners = [
      {
        id: 'gm0363-nazorg',
        types: ['detention-start-notice', 'release-notice', 'housing-request', 'benefit-pre-application'],
        municipalities: ['GM0363'],
      },
      { id: 'RN', types: ['detention-start-notice', 'release-notice'], municipalities: ['*'] },
    ];
    for (const partner of partners) {
      const res = await stack
        .http()
        .post('/api/v1/partners')
        .set('Authorization', admin)
        .send({ ...partner, name: partner.id, webhookUrl: `${simUrl}/webhooks/${partner.id}`, government: true })
        .expect(201);
      // Partners that take note but do not answer: what they received is what this test is about.
      simulator.setPartner({ id: partner.id, secret: res.body.secret, behaviour: { answer: false } });
    }
  });
  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  it('refuses an expected release date in the past at intake (rule 10)', async () => {
    const res = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await casemanager())
      .send(intakeBody({ expectedReleaseDate: addDays(today(), -1) }))
      .expect(400);
    expect(res.body.message).toEqual([
      'expectedReleaseDate must not be in the past while the person is detained (record the release instead)',
    ]);
  });

  it('registers the remand and completes the screening: housing and income needed', async () => {
    const res = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await casemanager())
      .send(intakeBody({ expectedReleaseDate: null }))
      .expect(201);
    id = res.body.id;
    const screening = await eventually(async () => {
      const tasks = await stack
        .http()
        .get(`/api/v1/tasks?detentionId=${id}&type=screening`)
        .set('Authorization', await casemanager())
        .expect(200);
      expect(tasks.body.items).toHaveLength(1);
      return tasks.body.items[0];
    });
    await stack
      .http()
      .post(`/api/v1/tasks/${screening.id}/complete`)
      .set('Authorization', await casemanager())
      .send({
        outcome: 'completed',
        data: {
          needs: {
            id: false,
            housing: true,
            income: true,
            debts: false,
            care: false,
            bankAccount: false,
            digid: false,
          },
          consent: { id: true, housing: true, income: true, debts: true, care: true },
          conditions: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention'])),
          idDocumentExpiry: addMonths(today(), 48),
        },
      })
      .expect(200);
    // No date: what counts from the release waits for one.
    const detention = await eventually(async () => {
      const res = await stack
        .http()
        .get(`/api/v1/detentions/${id}`)
        .set('Authorization', await casemanager())
        .expect(200);
      expect(res.body.screeningCompletedDate).not.toBeNull();
      return res.body;
    });
    for (const step of ['housing-request', 'benefit-pre-application']) {
      expect(detention.plannedSteps.find((s: { instanceId: string }) => s.instanceId === step)).toMatchObject({
        state: 'planned',
        waitingFor: 'expectedReleaseDate',
      });
    }
    expect(received('housing-request')).toEqual([]);
  });

  it('at the court release the partner receives the housing request and the benefit pre-application, marked late', async () => {
    const res = await stack
      .http()
      .post(`/api/v1/detentions/${id}/release`)
      .set('Authorization', await casemanager())
      .send({ releaseDate: released, releaseAddressKnown: false })
      .expect(200);
    expect(res.body.changes.late.map((c: { instanceId: string }) => c.instanceId)).toEqual(
      expect.arrayContaining(['housing-request', 'benefit-pre-application']),
    );
    const messages = await eventually(async () => {
      const found = [...received('housing-request'), ...received('benefit-pre-application')];
      expect(found).toHaveLength(2);
      return found;
    });
    for (const message of messages) {
      expect(message).toMatchObject({ partnerId: 'gm0363-nazorg', event: 'request', processed: 1 });
      expect(message.body).toMatchObject({
        caseReference: expect.stringMatching(/^TK-/),
        data: { municipality: 'GM0363', expectedReleaseDate: null, casemanager: { name: 'C. de Vries' } },
      });
    }
    expect(messages.find((m) => m.type === 'housing-request')!.body.data).toMatchObject({
      helpNeeded: { housing: true },
    });
    // Purpose-bound: the benefit desk hears of income, not of housing.
    expect(messages.find((m) => m.type === 'benefit-pre-application')!.body.data).toEqual(
      expect.objectContaining({ helpNeeded: { income: true } }),
    );
    // And both notice recipients hear of the release.
    await eventually(async () =>
      expect(
        received('release-notice')
          .map((m) => m.partnerId)
          .sort(),
      ).toEqual(['RN', 'gm0363-nazorg']),
    );
    const timeline = await stack
      .http()
      .get(`/api/v1/detentions/${id}/timeline`)
      .set('Authorization', await casemanager())
      .expect(200);
    const fired = timeline.body.events.find(
      (e: { type: string; stepInstanceId: string }) =>
        e.type === 'step-fired' && e.stepInstanceId === 'housing-request',
    );
    expect(fired).toMatchObject({ data: { late: true, atRelease: true } });
  });

  it('the municipality coordinator finds a first place to stay due on the day, and the prison’s open tasks', async () => {
    const inbox = await eventually(async () => {
      const res = await stack
        .http()
        .get(`/api/v1/tasks?detentionId=${id}`)
        .set('Authorization', await municipality())
        .expect(200);
      expect(res.body.items.map((t: { type: string }) => t.type)).toContain('first-place-to-stay');
      return res.body.items as { type: string; dueDate: string; context: { handedOver?: boolean } | null }[];
    });
    expect(inbox.find((t) => t.type === 'first-place-to-stay')!.dueDate).toBe(released);
    expect(inbox.find((t) => t.type === 'insurance-suspension')).toMatchObject({ context: { handedOver: true } });
    const prison = await stack
      .http()
      .get(`/api/v1/tasks?detentionId=${id}&status=open`)
      .set('Authorization', await casemanager())
      .expect(200);
    expect(prison.body.items).toEqual([]);
  });

  it('after release the municipality withdraws the housing consent: the partner is told, and the need is no longer shown', async () => {
    await stack
      .http()
      .put(`/api/v1/detentions/${id}/consent`)
      .set('Authorization', await municipality())
      .send({ housing: false })
      .expect(200);
    await eventually(async () => {
      const withdrawal = received('housing-request').find((m) => m.event === 'withdrawal');
      expect(withdrawal?.body).toMatchObject({ reason: 'consent-withdrawn', data: {} });
    });
    const view = await eventually(async () => {
      const res = await stack
        .http()
        .get(`/api/v1/detentions/${id}`)
        .set('Authorization', await municipality())
        .expect(200);
      expect(res.body.consent.housing).toBe(false);
      return res.body;
    });
    expect(view.basicConditions.housing).toEqual({
      needsHelp: null,
      consent: false,
      status: null,
      source: 'not-shared',
      reason: expect.stringMatching(/not shared/),
      requestStatus: null,
      partnerId: null,
      on: null,
      shared: false,
    });
    expect(view.needs).not.toHaveProperty('housing');
    expect(view.basicConditions.income).toMatchObject({ needsHelp: true, shared: true });
    // The prison, who screened him, still sees it.
    const prison = await stack
      .http()
      .get(`/api/v1/detentions/${id}`)
      .set('Authorization', await casemanager())
      .expect(200);
    expect(prison.body.needs.housing).toBe(true);
  });

  function intakeBody(overrides: Record<string, unknown>) {
    return {
      person: { bsn: '123456782', name: 'J. Jansen', dateOfBirth: '1990-05-01' },
      prison: 'PI-ALMELO',
      municipality: 'GM0363',
      probation: 'RN',
      intakeDate: intake,
      casemanager: { name: 'C. de Vries', email: 'c.devries@dji.example', phone: '+31 546 000 000' },
      needs: { id: false, housing: true, income: true, debts: false, care: false, bankAccount: false, digid: false },
      idDocumentExpiry: null,
      ...overrides,
    };
  }
});
