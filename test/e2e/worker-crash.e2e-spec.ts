import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { detentionWorkflowId, stateQuery } from '@terugkeer/contracts';
import { addDays, amsterdamDate, onOrBeforeWorkingDay } from '@terugkeer/domain';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PartnerSimulator } from '../../apps/partner-sim/src/partner-simulator';
import { createTestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { startApi } from '../support/stack';
import { localTemporal } from '../support/dev-server';
import { tokenFor } from '../support/tokens';
import { exited, spawnWorker } from '../support/compiled-app';

/**
 * The worker as it runs in production — the compiled app in its own process — killed with SIGKILL while it is
 * POSTing a webhook. Temporal notices (missing heartbeat), a new worker retries the delivery, and the partner
 * gets the same message again under the same Idempotency-Key: one request, never two.
 */
describe('a worker killed mid-delivery', () => {
  let temporal: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: NestExpressApplication;
  let simulator: PartnerSimulator;
  const workers: ChildProcess[] = [];
  let killed = false;

  beforeAll(async () => {
    [temporal, db] = await Promise.all([localTemporal(), createTestDatabase()]);
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await api?.close();
    await simulator?.close();
    await temporal?.teardown();
    await db?.drop();
  });

  it('delivers exactly one request per request id to the partner', async () => {
    const taskQueue = `crash-${randomUUID()}`;
    const options = { databaseUrl: db.url, temporalAddress: temporal.address, taskQueue };
    api = await startApi(options);
    const apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    const startWorker = () => {
      const child = spawnWorker({ ...options, env: { PUBLIC_BASE_URL: apiUrl } });
      workers.push(child);
      return child;
    };

    simulator = new PartnerSimulator({
      seed: 3,
      partners: [],
      // The first POST of the notice reaches the partner; the worker sending it dies before the answer comes.
      onDelivery: ({ attempt }) => {
        if (attempt === 1 && !killed) {
          killed = true;
          workers[0].kill('SIGKILL');
        }
      },
    });
    const simUrl = await simulator.listen();
    const admin = `Bearer ${await tokenFor('admin', '*')}`;
    const http = () => request(api.getHttpServer());
    const desk = await http()
      .post('/api/v1/partners')
      .set('Authorization', admin)
      .send({
        id: 'slow-desk',
        name: 'Slow desk',
        types: ['detention-start-notice'],
        municipalities: ['GM0363'],
        webhookUrl: `${simUrl}/webhooks/slow-desk`,
        government: true,
      })
      .expect(201);
    simulator.setPartner({ id: 'slow-desk', secret: desk.body.secret, behaviour: { latencyMs: 1500, answer: false } });
    await http()
      .post('/api/v1/partners')
      .set('Authorization', admin)
      .send({ id: 'RN', name: 'RN', types: ['detention-start-notice'], municipalities: ['*'], government: true })
      .expect(201);

    const first = startWorker();
    const casemanager = `Bearer ${await tokenFor('casemanager', 'PI-ALMELO')}`;
    const intake = onOrBeforeWorkingDay(addDays(amsterdamDate(Date.now()), -1));
    const detention = await http()
      .post('/api/v1/detentions')
      .set('Authorization', casemanager)
      .send({
        person: { bsn: '123456782', name: 'J. Jansen', dateOfBirth: '1990-05-01' },
        prison: 'PI-ALMELO',
        municipality: 'GM0363',
        probation: 'RN',
        intakeDate: intake,
        expectedReleaseDate: addDays(intake, 90),
        casemanager: { name: 'C. de Vries', email: 'c@dji.example', phone: '+31 546 000 000' },
        needs: {
          id: false,
          housing: false,
          income: false,
          debts: false,
          care: false,
          bankAccount: false,
          digid: false,
        },
        idDocumentExpiry: null,
      })
      .expect(201);

    await eventually(async () => expect(killed).toBe(true), 60_000);
    await exited(first);
    startWorker();

    const notice = await eventually(async () => {
      const res = await http()
        .get(`/api/v1/detentions/${detention.body.id}`)
        .set('Authorization', casemanager)
        .expect(200);
      const sent = res.body.openRequests.find((r: { partnerId: string }) => r.partnerId === 'slow-desk');
      expect(sent?.delivery).toBe('delivered');
      return sent;
    }, 90_000);

    const messages = simulator.received().filter((m) => m.requestId === notice.id);
    expect(messages).toHaveLength(1); // one Idempotency-Key
    expect(messages[0].key).toBe(notice.id);
    expect(messages[0].attempts).toBeGreaterThanOrEqual(2); // delivered again after the crash…
    expect(messages[0].processed).toBe(1); // …and taken in once
    expect(messages[0].identicalBodies).toBe(true); // the same message, never a different one
    // The step completed in the workflow itself: the request delivered, nothing left to deliver or to follow up.
    const state = await api.get(Client).workflow.getHandle(detentionWorkflowId(detention.body.id)).query(stateQuery);
    expect(state.requests[notice.id]).toMatchObject({ delivery: 'delivered', deliveryError: null });
    expect(Object.keys(state.deliveries)).toEqual([]);
    expect(Object.values(state.tasks).filter((t) => t.type === 'request-follow-up')).toEqual([]);
  }, 150_000);
});
