import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  changeExpectedReleaseUpdate,
  completeTaskUpdate,
  detentionWorkflowId,
  stateQuery,
  type DetentionState,
} from '@terugkeer/contracts';
import { addDays, BASIC_CONDITIONS } from '@terugkeer/domain';
import { migrate } from '@terugkeer/persistence/migrate';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { localTemporal } from '../support/dev-server';
import { embeddedPostgres } from '../support/embedded-postgres';
import { intakeBody } from '../support/intake';
import { uniquePerson } from '../support/people';
import { eventually, quietRuntime, seedPartners, startApi, startWorker } from '../support/stack';
import { tokenFor } from '../support/tokens';

const OUTAGE_MS = 30_000;
/** Far beyond any deadline of the API: an answer later than this is an API that hangs. */
const HANGS_AFTER_MS = 10_000;
const CASEMANAGER = { sub: 'cm-almelo', role: 'casemanager', org: 'PI-ALMELO' };

/** What the read models hold of one detention, in the workflow state's terms, to compare the two. */
async function readModelOf(pg: PgClient, id: string) {
  const [detention] = (
    await pg.query(
      `SELECT phase, expected_release_date AS "expectedReleaseDate", projected_seq AS seq FROM detentions WHERE id = $1`,
      [id],
    )
  ).rows;
  const rows = async (sql: string) => (await pg.query(sql, [id])).rows;
  return {
    ...detention,
    tasks: await rows('SELECT id, status, version FROM tasks WHERE detention_id = $1 ORDER BY id'),
    requests: await rows(
      'SELECT id, status, delivery, acknowledged_at IS NOT NULL AS acknowledged FROM requests WHERE detention_id = $1 ORDER BY id',
    ),
    events: (await rows('SELECT seq FROM timeline_events WHERE detention_id = $1 ORDER BY seq')).map((r) => r.seq),
  };
}

function expectedOf(state: DetentionState) {
  const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    phase: state.phase,
    expectedReleaseDate: state.facts.expectedReleaseDate,
    seq: state.seq,
    tasks: byId(Object.values(state.tasks)).map(({ id, status, version }) => ({ id, status, version })),
    requests: byId(Object.values(state.requests)).map(({ id, status, delivery, acknowledgedAt }) => ({
      id,
      status,
      delivery,
      acknowledged: Boolean(acknowledgedAt),
    })),
    events: Array.from({ length: state.seq }, (_, i) => i + 1),
  };
}

/**
 * PostgreSQL — a real one, the embedded server `npm start` runs — stopped for 30 s under a running API and worker.
 * The API answers 503 naming the database, at once; the workflows live on in Temporal and take what is sent to
 * them; their projections retry; once the database is back, every read model agrees with its workflow's state.
 */
describe('PostgreSQL stopped for 30 s', () => {
  let postgres: Awaited<ReturnType<typeof embeddedPostgres>>;
  let temporal: TestWorkflowEnvironment;
  let api: NestExpressApplication;
  let worker: Awaited<ReturnType<typeof startWorker>>;

  beforeAll(async () => {
    quietRuntime();
    [postgres, temporal] = await Promise.all([embeddedPostgres(), localTemporal()]);
    await migrate(postgres.url);
    const options = { databaseUrl: postgres.url, temporalAddress: temporal.address, taskQueue: `pg-${randomUUID()}` };
    api = await startApi(options);
    const apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    worker = await startWorker({ ...options, env: { PUBLIC_BASE_URL: apiUrl } });
    const pg = new PgClient({ connectionString: postgres.url });
    await pg.connect();
    await seedPartners(pg).finally(() => pg.end());
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await temporal?.teardown();
    await postgres?.remove();
  });

  it('answers 503 naming the database while it is down, and the read models catch up with every workflow', async () => {
    const http = () => request(api.getHttpServer());
    const casemanager = `Bearer ${await tokenFor('casemanager', 'PI-ALMELO', { sub: CASEMANAGER.sub })}`;
    const partner = `Bearer ${await tokenFor('partner', 'RN')}`;
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
    // The API's own client: it holds the payload key.
    const handle = (id: string) => api.get(Client).workflow.getHandle(detentionWorkflowId(id));
    const stateOf = (id: string) => handle(id).query(stateQuery);
    // Each case as far as its first turn: the screening task and the probation notice, projected.
    const screening = (s: DetentionState) => Object.values(s.tasks).find((t) => t.type === 'screening')!;
    const notice = (s: DetentionState) => Object.values(s.requests).find((r) => r.partnerId === 'RN')!;
    for (const id of ids) {
      await eventually(async () => {
        const state = await stateOf(id);
        expect(screening(state) && notice(state)).toBeTruthy();
        expect(await readModel(id)).toEqual(expectedOf(state));
      }, 60_000);
    }

    const before = await Promise.all(ids.map(stateOf));
    await postgres.stop();
    const stoppedAt = Date.now();

    // The API: 503 naming the database, never a 500 and never a hang — for reads, writes and /health.
    const unavailable = (res: request.Response) => {
      expect({ status: res.status, message: res.body.message }).toEqual({
        status: 503,
        message: expect.stringMatching(/^PostgreSQL \(the database\) could not be reached/),
      });
    };
    unavailable(await http().get('/api/v1/detentions').set('Authorization', casemanager).timeout(HANGS_AFTER_MS));
    unavailable(
      await http().get(`/api/v1/detentions/${ids[0]}`).set('Authorization', casemanager).timeout(HANGS_AFTER_MS),
    );
    const { bsn, name, dateOfBirth } = uniquePerson();
    unavailable(
      await http()
        .post('/api/v1/detentions')
        .set('Authorization', casemanager)
        .send(intakeBody({ person: { bsn, name, dateOfBirth } }))
        .timeout(HANGS_AFTER_MS),
    );
    // A partner's answer is written to the read models by the API before it is signalled: refused, nothing taken.
    const answer = () =>
      http()
        .post(`/api/v1/requests/${notice(before[1]).id}/responses`)
        .set('Authorization', partner)
        .send({ status: 'accepted' })
        .timeout(HANGS_AFTER_MS);
    unavailable(await answer());
    const health = await http().get('/health').timeout(HANGS_AFTER_MS).expect(503);
    expect(health.body.error.postgres).toMatchObject({ status: 'down' });
    expect(health.body.info.temporal).toMatchObject({ status: 'up' });

    // The workflows: their state intact, and what is sent to them taken in — an update and a task completion
    // (both answer once their projection is written: after the outage).
    expect(await Promise.all(ids.map(stateOf))).toEqual(before);
    const moved = addDays(before[0].facts.expectedReleaseDate!, 14);
    const changed = handle(ids[0]).executeUpdate(changeExpectedReleaseUpdate, {
      args: [{ expectedReleaseDate: moved, reason: 'court', actor: CASEMANAGER }],
    });
    const screened = handle(ids[2]).executeUpdate(completeTaskUpdate, {
      args: [
        {
          taskId: screening(before[2]).id,
          outcome: 'completed',
          data: {
            needs: intakeBody().needs,
            consent: {},
            conditions: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention'])),
            idDocumentExpiry: null,
          },
          actor: CASEMANAGER,
        },
      ],
    });
    // Should the test fail before they answer, they must not outlive it.
    for (const pending of [changed, screened]) pending.catch(() => undefined);
    await eventually(async () => {
      expect((await stateOf(ids[0])).facts.expectedReleaseDate).toBe(moved);
      expect(screening(await stateOf(ids[2])).status).toBe('done');
    }, OUTAGE_MS);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + OUTAGE_MS - Date.now())));
    await postgres.start();
    await Promise.all([changed, screened]);

    // The partner tries again, and is heard.
    await answer().expect(200);
    await eventually(async () => expect(notice(await stateOf(ids[1])).status).toBe('accepted'));

    // Caught up, with nothing missing: every read model is its workflow's state.
    for (const id of ids) {
      await eventually(async () => expect(await readModel(id)).toEqual(expectedOf(await stateOf(id))), 90_000);
    }
    await http().get('/health').expect(200);
    await http().get(`/api/v1/detentions/${ids[0]}`).set('Authorization', casemanager).expect(200);
  }, 240_000);

  /** The read model, through a connection of its own: the server comes and goes. */
  async function readModel(id: string) {
    const client = new PgClient({ connectionString: postgres.url });
    await client.connect();
    try {
      return await readModelOf(client, id);
    } finally {
      await client.end();
    }
  }
});
