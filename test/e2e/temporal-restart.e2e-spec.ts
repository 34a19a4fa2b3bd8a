import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from '@temporalio/client';
import { detentionWorkflowId, stateQuery, type DetentionState } from '@terugkeer/contracts';
import { BASIC_CONDITIONS } from '@terugkeer/domain';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { PartnerSimulator } from '../../apps/partner-sim/src/partner-simulator';
import { createTestDatabase } from '../support/database';
import { spawnDevServer } from '../support/dev-server';
import { intakeBody } from '../support/intake';
import { uniquePerson } from '../support/people';
import { freePort } from '../support/ports';
import { eventually, quietRuntime, startApi, startWorker } from '../support/stack';
import { devServer } from '../support/test-env';
import { tokenFor } from '../support/tokens';

const DESK = 'flaky-desk';

/**
 * The Temporal dev server on its SQLite file (`--db-filename`, as `npm start` runs it) killed and started again
 * under a running API and worker, with detentions in flight. Steps fire at 06:00 Amsterdam, so the timers shown
 * firing after the restart are the server's retry timers of a webhook delivery: the municipality's desk answers
 * 503 until the server is back, and the retry scheduled before the crash delivers after it.
 */
describe('the Temporal dev server restarted on its file', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'terugkeer-temporal-'));
  chmodSync(folder, 0o755);
  const dbFilename = path.join(folder, 'temporal.db');
  let port: number;
  let server: { address: string; child: ChildProcess; exited: Promise<void> };
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: NestExpressApplication;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let simulator: PartnerSimulator;
  const binary = () => {
    const { executable } = devServer();
    if (executable?.type !== 'existing-path') throw new Error('needs the provisioned Temporal CLI (npm run provision)');
    return executable.path;
  };

  beforeAll(async () => {
    quietRuntime();
    port = await freePort();
    [server, db] = await Promise.all([spawnDevServer(binary(), { port, dbFilename }), createTestDatabase()]);
    const options = { databaseUrl: db.url, temporalAddress: server.address, taskQueue: `restart-${randomUUID()}` };
    api = await startApi(options);
    const apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    worker = await startWorker({ ...options, env: { PUBLIC_BASE_URL: apiUrl } });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await simulator?.close();
    server?.child.kill('SIGKILL');
    await server?.exited;
    await db?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('resumes every running detention, its state intact, and fires its timers after the restart', async () => {
    const http = () => request(api.getHttpServer());
    /** When each attempt of each message reached the desk. */
    const attempts = new Map<string, number[]>();
    simulator = new PartnerSimulator({
      partners: [],
      onDelivery: ({ key }) => attempts.set(key, [...(attempts.get(key) ?? []), Date.now()]),
    });
    const simUrl = await simulator.listen();
    const admin = `Bearer ${await tokenFor('admin', '*')}`;
    const desk = await http()
      .post('/api/v1/partners')
      .set('Authorization', admin)
      .send({
        id: DESK,
        name: 'Flaky desk',
        types: ['detention-start-notice'],
        municipalities: ['GM0363'],
        webhookUrl: `${simUrl}/webhooks/${DESK}`,
        government: true,
      })
      .expect(201);
    const down = { failFirst: { count: 1_000, status: 503 }, answer: false };
    simulator.setPartner({ id: DESK, secret: desk.body.secret, behaviour: down });
    await http()
      .post('/api/v1/partners')
      .set('Authorization', admin)
      .send({ id: 'RN', name: 'RN', types: ['detention-start-notice'], municipalities: ['*'], government: true })
      .expect(201);

    const casemanager = `Bearer ${await tokenFor('casemanager', 'PI-ALMELO')}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { bsn, name, dateOfBirth } = uniquePerson();
      const res = await http()
        .post('/api/v1/detentions')
        .set('Authorization', casemanager)
        .send(intakeBody({ person: { bsn, name, dateOfBirth } }))
        .expect(201);
      ids.push(res.body.id);
    }
    const handle = (id: string) => api.get(Client).workflow.getHandle(detentionWorkflowId(id));
    const stateOf = (id: string) => handle(id).query(stateQuery);
    const toDesk = (s: DetentionState) => Object.values(s.requests).find((r) => r.partnerId === DESK)!;
    // Each case in flight: its notice to the desk tried once, refused, its retry waiting on the server's timer.
    const before = await Promise.all(
      ids.map((id) =>
        eventually(async () => {
          const state = await stateOf(id);
          expect(toDesk(state)?.delivery).toBe('pending');
          expect(attempts.get(toDesk(state).id)?.length).toBeGreaterThanOrEqual(1);
          expect(Object.values(state.tasks).some((t) => t.type === 'screening')).toBe(true);
          return state;
        }, 30_000),
      ),
    );

    server.child.kill('SIGKILL');
    await server.exited;
    server = await spawnDevServer(binary(), { port, dbFilename });
    const restartedAt = Date.now();
    simulator.setPartner({ id: DESK, secret: desk.body.secret, behaviour: { answer: false } });

    for (const [i, id] of ids.entries()) {
      expect((await handle(id).describe()).status.name).toBe('RUNNING');
      expect(await eventually(() => stateOf(id), 30_000)).toEqual(before[i]);
    }
    // The retry timers set before the crash fire after it: each notice delivered, by an attempt after the restart.
    for (const id of ids) {
      const notice = await eventually(async () => {
        const found = toDesk(await stateOf(id));
        expect(found.delivery).toBe('delivered');
        return found;
      }, 60_000);
      const times = attempts.get(notice.id)!;
      expect(times.length).toBeGreaterThanOrEqual(2);
      expect(times[times.length - 1]).toBeGreaterThan(restartedAt);
      expect(simulator.received().find((m) => m.key === notice.id)?.processed).toBe(1);
    }
    // And each takes a task completion through the API, projected as ever.
    for (const [i, id] of ids.entries()) {
      const screening = Object.values(before[i].tasks).find((t) => t.type === 'screening')!;
      await http()
        .post(`/api/v1/tasks/${screening.id}/complete`)
        .set('Authorization', casemanager)
        .send({
          outcome: 'completed',
          data: {
            needs: intakeBody().needs,
            consent: { id: true, housing: true, income: true, debts: true, care: true },
            conditions: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention'])),
            idDocumentExpiry: null,
          },
        })
        .expect(200);
      await eventually(async () => {
        const { body } = await http()
          .get(`/api/v1/tasks?detentionId=${id}&type=screening`)
          .set('Authorization', casemanager);
        expect(body.items[0]?.status).toBe('done');
      });
    }
  }, 180_000);
});
