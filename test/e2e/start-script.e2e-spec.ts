import { Client, Connection } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { eventually } from '../support/eventually';
import { intakeBody } from '../support/intake';
import { alive, descendants, startScript as start, stopScript as stop } from '../support/npm-start';
import { freePort } from '../support/ports';
import { tokenFor } from '../support/tokens';

const ROOT = path.resolve(__dirname, '../..');

async function withPg<T>(port: number, fn: (pg: PgClient) => Promise<T>): Promise<T> {
  const pg = new PgClient({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/terugkeer` });
  await pg.connect();
  try {
    return await fn(pg);
  } finally {
    await pg.end();
  }
}

describe('npm start (scripts/start.mjs) on embedded PostgreSQL and the Temporal dev server', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'terugkeer-start-'));
  // As root the embedded PostgreSQL runs as the `postgres` user: a folder it can reach keeps the cluster in here
  // (start-as-root.e2e-spec.ts starts from one it cannot).
  chmodSync(dataDir, 0o755);
  let env: NodeJS.ProcessEnv;
  let ports: { api: number; temporal: number; ui: number; pg: number; smtp: number; inbox: number; sim: number };
  /** A detention of someone real (not a demo case), registered on the first start. */
  let real: { id: string; name: string };
  const secret = () => JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')).authJwtSecret as string;

  beforeAll(async () => {
    ports = {
      api: await freePort(),
      temporal: await freePort(),
      ui: await freePort(),
      pg: await freePort(),
      smtp: await freePort(),
      inbox: await freePort(),
      sim: await freePort(),
    };
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH,
      TERUGKEER_DATA_DIR: dataDir,
      PORT: String(ports.api),
      TEMPORAL_DEV_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      EMBEDDED_PG_PORT: String(ports.pg),
      MAILDEV_SMTP_PORT: String(ports.smtp),
      MAILDEV_WEB_PORT: String(ports.inbox),
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('brings up the whole stack, stops every child on Ctrl-C, and keeps the data for the next start', async () => {
    const first = await start(env);
    // Temporal, the PostgreSQL runner and its server, the worker and the API at least.
    const firstTree = descendants(first.child.pid!);
    expect(firstTree.length).toBeGreaterThanOrEqual(5);
    try {
      const health = await fetch(`http://127.0.0.1:${ports.api}/health`);
      expect(health.status).toBe(200);
      // The development stack: demo sign-in on (npm start says so; the compiled apps default to production).
      const ui = await (await fetch(`http://127.0.0.1:${ports.api}/api/ui-config`)).json();
      expect(ui).toEqual({ devLogin: true, environment: 'development' });
      expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
      expect(first.output()).toContain(`http://localhost:${ports.ui}`);
      // The mail catcher: its web inbox printed and answering, its REST API empty on a fresh start.
      expect(first.output()).toMatch(new RegExp(`Mail inbox +http://localhost:${ports.inbox}`));
      expect(await (await fetch(`http://127.0.0.1:${ports.inbox}/email`)).json()).toEqual([]);

      // Leave traces in both stores to find after the restart.
      await withPg(ports.pg, async (pg) => {
        await pg.query('CREATE TABLE restart_probe (note text)');
        await pg.query('INSERT INTO restart_probe VALUES ($1)', ['kept']);
      });
      const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
      await new Client({ connection }).workflow.start('restartProbe', {
        taskQueue: 'nobody-polls',
        workflowId: 'restart-probe',
      });
      await connection.close();
      // And a detention, registered through the API as a casemanager would.
      const body = intakeBody({ person: { name: 'R. Echt', bsn: '123456782' } });
      const registered = await fetch(`http://127.0.0.1:${ports.api}/api/v1/detentions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await tokenFor('casemanager', 'PI-ALMELO', { secret: secret() })}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      expect(registered.status).toBe(201);
      real = { id: ((await registered.json()) as { id: string }).id, name: body.person.name };
    } finally {
      expect(await stop(first.child)).toBe(0);
    }
    expect(alive(firstTree)).toEqual([]);
    const firstSecret = secret();

    const began = Date.now();
    const second = await start(env);
    const secondTree = descendants(second.child.pid!);
    try {
      console.log(`npm start restart took ${((Date.now() - began) / 1000).toFixed(1)} s (after the first start)`);
      const rows = await withPg(ports.pg, async (pg) => (await pg.query('SELECT note FROM restart_probe')).rows);
      expect(rows).toEqual([{ note: 'kept' }]);
      const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
      const described = await new Client({ connection }).workflow.getHandle('restart-probe').describe();
      expect(described.status.name).toBe('RUNNING');
      await connection.close();
      expect(secret()).toBe(firstSecret);
      const kept = await withPg(
        ports.pg,
        async (pg) => (await pg.query('SELECT id, person_name FROM detentions')).rows,
      );
      expect(kept).toEqual([{ id: real.id, person_name: real.name }]);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
    expect(alive(secondTree)).toEqual([]);
  });

  it('--demo seeds its demo cases into a system holding other detentions, and never twice', async () => {
    const demoEnv = { ...env, PARTNER_SIM_PORT: String(ports.sim) };
    const demo = await start(demoEnv, ['--demo']);
    try {
      // The summary lines follow the one that says it is running.
      const seeded = await eventually(async () => {
        const [, n] = /Demo cases +(\d+) registered now, 0 there already/.exec(demo.output()) ?? [];
        expect({ n, output: demo.output() }).toEqual({ n: expect.any(String), output: expect.any(String) });
        return Number(n);
      });
      expect(seeded).toBeGreaterThanOrEqual(12);
      // Case references are projected when each workflow has run its first task.
      const rows = await eventually(async () => {
        const { rows } = await withPg(ports.pg, (pg) =>
          pg.query<{ id: string; person_name: string; person_bsn: string; case_reference: string | null }>(
            'SELECT id, person_name, person_bsn, case_reference FROM detentions',
          ),
        );
        expect(rows.every((r) => r.case_reference !== null)).toBe(true);
        return rows;
      }, 60_000);
      const demoCases = rows.filter((r) => r.id !== real.id);
      expect(demoCases).toHaveLength(seeded);
      // Recognisable, and clear of everyone else: marked names, test-range BSNs, references of their own.
      expect(demoCases.every((r) => r.person_name.endsWith(' (demo)') && r.person_bsn.startsWith('9999'))).toBe(true);
      expect(new Set(demoCases.map((r) => r.person_name)).size).toBe(demoCases.length);
      expect(new Set(rows.map((r) => r.case_reference)).size).toBe(rows.length);
      expect(rows.find((r) => r.id === real.id)?.person_name).toBe(real.name);
      // Each demo municipality and probation organisation has a functional mailbox: who to call, where mail goes.
      const { rows: mailboxes } = await withPg(ports.pg, (pg) =>
        pg.query<{ code: string }>('SELECT code FROM organisation_contacts ORDER BY code'),
      );
      expect(mailboxes.map((m) => m.code)).toEqual(expect.arrayContaining(['GM0141', 'GM0363', 'GM0599', 'RN', 'SVG']));

      // Again, on its own (as `npm run seed:demo-detentions`): every demo case is there, so nothing is added.
      const { stdout } = await promisify(execFile)(process.execPath, ['scripts/seed-demo-detentions.mjs'], {
        cwd: ROOT,
        env: { ...demoEnv, API_URL: `http://127.0.0.1:${ports.api}` },
      });
      expect(stdout).toContain('nothing seeded');
      const { rows: after } = await withPg(ports.pg, (pg) => pg.query('SELECT id FROM detentions'));
      expect(after).toHaveLength(rows.length);
    } finally {
      expect(await stop(demo.child)).toBe(0);
    }

    // And through `npm start -- --demo` once more, after a restart.
    const again = await start(demoEnv, ['--demo']);
    try {
      await eventually(async () => expect(again.output()).toMatch(/Demo cases +0 registered now, \d+ there already/));
    } finally {
      expect(await stop(again.child)).toBe(0);
    }
  }, 600_000);
});
