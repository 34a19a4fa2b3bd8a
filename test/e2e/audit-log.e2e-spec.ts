import { AuditLog, verifyAuditLog } from '@terugkeer/persistence';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { intakeBody } from '../support/intake';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

const run = promisify(execFile);

/**
 * "Who saw this?" (issue 9): every read of personal data is on record with actor, role, org, basis and request id;
 * the log refuses UPDATE, DELETE and TRUNCATE, and `npm run audit:verify` finds an altered or removed row.
 */
describe('audit log of reads', () => {
  let stack: Stack;
  let id: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    dataSource = await new DataSource({ type: 'postgres', url: stack.db.url }).initialize();
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    const created = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', cm)
      .send(intakeBody())
      .expect(201);
    id = created.body.id;
    await eventually(async () => {
      const { rows } = await stack.pg.query('SELECT count(*)::int AS n FROM tasks WHERE detention_id = $1', [id]);
      expect(rows[0].n).toBeGreaterThan(0);
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.close();
  });

  it('records who read the detention, its timeline, the task inbox and the requests, with basis and request id', async () => {
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    const gm = await stack.as('municipality', 'GM0363', 'gm-1');
    const view = await stack
      .http()
      .get(`/api/v1/detentions/${id}`)
      .set('Authorization', cm)
      .set('X-Request-Id', 'inspect-1')
      .expect(200);
    expect(view.headers['x-request-id']).toBe('inspect-1');
    await stack.http().get(`/api/v1/detentions/${id}/timeline`).set('Authorization', gm).expect(200);
    await stack.http().get(`/api/v1/tasks?detentionId=${id}`).set('Authorization', cm).expect(200);
    await stack.http().get('/api/v1/detentions').set('Authorization', gm).expect(200);
    // Nothing read, nothing recorded: an out-of-scope caller gets a 404 and no entry.
    await stack
      .http()
      .get(`/api/v1/detentions/${id}`)
      .set('Authorization', await stack.as('casemanager', 'PI-ZWOLLE', 'cm-2'))
      .expect(404);

    const supervisor = await stack.as('supervisor', '*', 'inspector-1');
    const audit = await stack
      .http()
      .get(`/api/v1/audit?detentionId=${id}`)
      .set('Authorization', supervisor)
      .expect(200);
    const reads = audit.body.reads as Record<string, unknown>[];
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'cm-1',
          role: 'casemanager',
          org: 'PI-ALMELO',
          action: 'read:detention',
          requestId: 'inspect-1',
          basis: expect.stringMatching(/Pbw/),
          fields: expect.arrayContaining(['identity', 'basic-conditions']),
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        }),
        expect.objectContaining({ actor: 'gm-1', role: 'municipality', action: 'read:timeline' }),
        expect.objectContaining({ actor: 'cm-1', action: 'read:tasks' }),
        expect.objectContaining({ actor: 'gm-1', action: 'read:detentions' }),
      ]),
    );
    expect(reads.filter((r) => r.org === 'PI-ZWOLLE')).toEqual([]);
    // The inspector's own read is on record for the next inspector.
    const again = await stack
      .http()
      .get(`/api/v1/audit?detentionId=${id}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(again.body.reads).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: 'inspector-1', action: 'read:audit' })]),
    );
  });

  it('refuses UPDATE, DELETE and TRUNCATE, also of the disclosure log', async () => {
    for (const sql of [
      `UPDATE audit_log SET actor = 'someone-else'`,
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      `UPDATE disclosures SET partner_id = 'x'`,
      'DELETE FROM disclosures',
    ]) {
      await expect(stack.pg.query(sql)).rejects.toThrow(/append-only/);
    }
  });

  it('does not make a writer wait for another: a held chain sends the next entry to the next chain', async () => {
    const log = new AuditLog(dataSource);
    const entry = { actor: 'cm-1', role: 'casemanager', org: 'PI-ALMELO', action: 'read:detention', fields: [] };
    // Another writer's transaction holds chain 0 (as a slow transaction with an audited change would).
    const holder = new PgClient({ connectionString: stack.db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(7412094, 0)');
      const seq = await log.append({ ...entry, detentionIds: [id], basis: 'test' });
      const { rows } = await stack.pg.query('SELECT chain FROM audit_log WHERE seq = $1', [seq]);
      expect(rows[0].chain).toBeGreaterThan(0);
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    await log.append({ ...entry, detentionIds: [id], basis: 'test' });
    const result = await verifyAuditLog(dataSource);
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.chains).toBeGreaterThan(1);
  });

  it('appends entries that come in together in one statement, each its own row and number', async () => {
    const log = new AuditLog(dataSource);
    const entry = { actor: 'cm-1', role: 'casemanager', org: 'PI-ALMELO', action: 'read:detention', fields: [] };
    const seqs = await Promise.all(
      Array.from({ length: 50 }, (_, i) => log.append({ ...entry, detentionIds: [id, id], basis: `basis ${i}` })),
    );
    expect(new Set(seqs).size).toBe(50);
    const { rows } = await stack.pg.query('SELECT seq, entry FROM audit_log WHERE seq = ANY($1::bigint[])', [seqs]);
    expect(rows).toHaveLength(50);
    for (const row of rows) expect(JSON.parse(row.entry).basis).toBe(`basis ${seqs.indexOf(Number(row.seq))}`);
    await expect(verifyAuditLog(dataSource)).resolves.toMatchObject({ ok: true });
  });

  it('verifies the chain, and detects an altered and a removed row', async () => {
    const script = path.resolve(__dirname, '../../scripts/audit-verify.mjs');
    const verify = () =>
      run(process.execPath, [script], { env: { ...process.env, DATABASE_URL: stack.db.url } }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
      );
    const intact = await verify();
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/audit log intact: \d+ entries, head [0-9a-f]{64}/);

    // Someone with the database owner's rights switches the guard off to cover their tracks.
    const { rows } = await stack.pg.query('SELECT seq FROM audit_log ORDER BY seq LIMIT 3');
    await stack.pg.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await stack.pg.query(`UPDATE audit_log SET entry = replace(entry, 'cm-1', 'nobody') WHERE seq = $1`, [rows[0].seq]);
    await stack.pg.query(`UPDATE audit_log SET actor = 'nobody' WHERE seq = $1`, [rows[2].seq]);
    await stack.pg.query('DELETE FROM audit_log WHERE seq = $1', [rows[1].seq]);
    await stack.pg.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');

    const result = await verifyAuditLog(dataSource);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        `row ${rows[0].seq}: entry altered`,
        `row ${rows[2].seq}: does not follow the row before it (removed or inserted)`,
        `row ${rows[2].seq}: columns differ from the hashed entry`,
      ]),
    );
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/audit log BROKEN/);
  });
});
