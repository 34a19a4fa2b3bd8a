import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, amsterdamDate, onOrBeforeWorkingDay } from '@terugkeer/domain';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { createTestDatabase } from '../support/database';
import { localTemporal } from '../support/dev-server';
import { eventually } from '../support/eventually';
import { startApi } from '../support/stack';
import { TEST_JWT_SECRET, TEST_PAYLOAD_KEY, tokenFor } from '../support/tokens';

const ROOT = path.resolve(__dirname, '../..');

/**
 * No personal data in logs (issue 9): the compiled worker, in its own process, logging as in production, while
 * the database refuses every projected request — a TypeORM error whose SQL parameters hold the BSN. The log says
 * what failed, never with whom; once the database takes it again, the projection catches up.
 */
describe('worker logs when an activity fails', () => {
  let temporal: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: NestExpressApplication;
  let worker: ChildProcess;
  let pg: PgClient;
  let logs = '';

  beforeAll(async () => {
    [temporal, db] = await Promise.all([localTemporal(), createTestDatabase()]);
    pg = new PgClient({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await api?.close();
    await pg?.end();
    await temporal?.teardown();
    await db?.drop();
  });

  it('logs the failure without BSN, name or date of birth', async () => {
    const taskQueue = `logs-${randomUUID()}`;
    api = await startApi({ databaseUrl: db.url, temporalAddress: temporal.address, taskQueue });
    const http = () => request(api.getHttpServer());
    const admin = `Bearer ${await tokenFor('admin', '*')}`;
    // A government body: the BSN is in what it is sent, so in the projected request and the SQL parameters.
    await http()
      .post('/api/v1/partners')
      .set('Authorization', admin)
      .send({ id: 'RN', name: 'RN', types: ['detention-start-notice'], municipalities: ['*'], government: true })
      .expect(201);
    await pg.query('ALTER TABLE requests ADD CONSTRAINT refuse_everything CHECK (false) NOT VALID');

    worker = spawn(process.execPath, [path.join(ROOT, 'dist/apps/worker/src/main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: db.url,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        TEMPORAL_PAYLOAD_KEY: TEST_PAYLOAD_KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    worker.stderr!.on('data', (chunk: Buffer) => (logs += chunk.toString()));

    const intake = onOrBeforeWorkingDay(addDays(amsterdamDate(Date.now()), -1));
    const created = await http()
      .post('/api/v1/detentions')
      .set('Authorization', `Bearer ${await tokenFor('casemanager', 'PI-ALMELO')}`)
      .send({
        person: { bsn: '123456782', name: 'J. Jansen-Verlogd', dateOfBirth: '1990-05-01' },
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

    await eventually(async () => expect(logs).toMatch(/refuse_everything/), 60_000);
    expect(logs).not.toContain('123456782');
    expect(logs).not.toContain('Jansen-Verlogd');
    expect(logs).not.toContain('1990-05-01');

    // The database takes it again: the projection catches up, nothing lost.
    await pg.query('ALTER TABLE requests DROP CONSTRAINT refuse_everything');
    await eventually(async () => {
      const { rows } = await pg.query('SELECT type FROM requests WHERE detention_id = $1', [created.body.id]);
      expect(rows.map((r) => r.type)).toContain('detention-start-notice');
    }, 90_000);
    expect(logs).not.toContain('123456782');
  });
});
