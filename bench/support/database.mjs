// A PostgreSQL database of its own for each scenario, migrated as a deployment migrates it, with partners in the
// registry; dropped afterwards. The server: BENCH_DATABASE_URL, else DATABASE_URL, else 127.0.0.1:5432 (user
// postgres). Names start with BENCH_DB_PREFIX (default `terugkeer_bench`) and carry their creation time, so that
// databases of a run that was killed are dropped by a later run once they are six hours old.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dist } from './paths.mjs';
import { rssOf, totalPss } from './processes.mjs';

/** The server processes (backends) connected to `database`, other than `pg`'s own. */
export async function backendPids(pg, database) {
  const { rows } = await pg.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
    database,
  ]);
  return rows.map((r) => r.pid);
}

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const STALE_AFTER_MS = 6 * 3600_000;

export const serverUrl = () =>
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const prefix = () => `${process.env.BENCH_DB_PREFIX ?? 'terugkeer_bench'}_`;

function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin(fn) {
  const client = new Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${new URL(serverUrl()).host} does not answer (${error.message}); set BENCH_DATABASE_URL`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for `scenario`; `drop()` removes it. */
export async function createDatabase(scenario) {
  const name = `${prefix()}${Date.now()}_${scenario.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`;
  await admin(async (client) => {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [prefix()]);
    for (const { datname } of rows) {
      const created = Number(datname.slice(prefix().length).split('_')[0]);
      if (created && Date.now() - created > STALE_AFTER_MS) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = withDatabase(serverUrl(), name);
  const { migrate } = require(dist('libs/persistence/src/migrate.js'));
  await migrate(url);
  const pg = new Client({ connectionString: url });
  await pg.connect();
  return {
    name,
    url,
    pg,
    drop: async () => {
      await pg.end().catch(() => undefined);
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/**
 * Partners for every municipality the population lives in: an aftercare desk per municipality, civil affairs
 * and a care network nationwide, and the three probation organisations. All deliver to their inbox (no webhook),
 * so that no request leaves this machine.
 */
export async function seedPartners(pg, municipalities) {
  const desk = [
    'detention-start-notice',
    'release-notice',
    'housing-request',
    'debt-help-referral',
    'benefit-pre-application',
  ];
  const partners = [
    ...municipalities.map((m) => [`${m.toLowerCase()}-nazorg`, `Aftercare desk ${m}`, desk, [m], true]),
    ['burgerzaken-nl', 'Civil affairs (nationwide)', ['id-application'], ['*'], true],
    ['zorg-nl', 'Care continuity network', ['care-continuity'], ['*'], false],
    ...['RN', 'SVG', 'LJR'].map((id) => [
      id,
      `Probation ${id}`,
      ['detention-start-notice', 'release-notice'],
      ['*'],
      true,
    ]),
  ];
  for (const [id, name, types, served, government] of partners) {
    await pg.query(
      'INSERT INTO partners (id, name, types, municipalities, government) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [id, name, types, served, government],
    );
  }
}

/**
 * What PostgreSQL holds for this database: its size on disk, and the memory of the server processes (backends)
 * connected to it — their RSS counts the shared buffers they touched, their PSS shares those out fairly. Read from
 * /proc, so only when PostgreSQL runs on this machine.
 */
export async function postgresMemory(pg, database) {
  const pids = await backendPids(pg, database);
  const [{ size }] = (await pg.query('SELECT pg_database_size($1) AS size', [database])).rows;
  return {
    backends: pids.length,
    rss: pids.reduce((sum, pid) => sum + rssOf(pid), 0),
    pss: totalPss(pids),
    databaseSize: Number(size),
  };
}
