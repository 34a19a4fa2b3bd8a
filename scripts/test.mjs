// `npm test`: lint, type-check, then the unit, workflow and e2e suites on real Temporal and real PostgreSQL.
// It provisions what it needs: npm dependencies, the Temporal binaries, and a PostgreSQL — DATABASE_URL when
// set, else a server on 127.0.0.1:5432 when one answers, else an embedded one — with a fresh database per run.
// schemathesis (the OpenAPI fuzzer of test/e2e/schemathesis.e2e-spec.ts): from PyPI into .tools/, like Temporal;
// without Python and pip that spec alone is skipped, loudly — except in CI, which must run it.
// Chromium (for the browser suite): CHROMIUM_PATH or /usr/bin/chromium; when missing and running as root on
// Debian/Ubuntu, Debian's package is installed with apt-get. Without it that suite alone is skipped, loudly —
// except in CI, which must run it.
// Extra arguments go to jest: `npm test -- test/unit` or `npm test -- -t 'health'`.
// TEST_SKIP_LINT=1 skips lint and type-check for a quicker inner loop (CI never sets it).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from './build.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { adminUrlOf, postgresAnswers, startEmbeddedPostgres, withAdminClient, withDatabase } from './lib/postgres.mjs';
import { ROOT, bin, bold, freePort, lastLines, red, run, step, yellow } from './lib/util.mjs';
import { provisionSchemathesis } from './provision-schemathesis.mjs';
import { provisionTemporal } from './provision-temporal.mjs';

const DB_PREFIX = 'terugkeer_test_';
const STALE_AFTER_MS = 6 * 3600_000;
const cleanups = [];

async function runStep(title, command, args) {
  step(title);
  try {
    await run(command, args);
  } catch (error) {
    console.error(error.output ?? error.message);
    throw new Error(`${title} failed`);
  }
}

async function resolvePostgres() {
  if (process.env.DATABASE_URL) {
    if (!(await postgresAnswers(process.env.DATABASE_URL))) throw new Error('DATABASE_URL does not answer');
    return { serverUrl: process.env.DATABASE_URL, source: 'DATABASE_URL' };
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await postgresAnswers(local, 1000)) return { serverUrl: local, source: '127.0.0.1:5432' };
  step('no PostgreSQL on 127.0.0.1:5432: starting an embedded one');
  const { url, child } = await startEmbeddedPostgres({
    dataDir: path.join(ROOT, '.data', 'test-postgres'),
    port: await freePort(),
    database: 'postgres',
  });
  cleanups.push(() => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))));
  return { serverUrl: url, source: 'embedded PostgreSQL' };
}

/**
 * Chromium for the browser suite: CHROMIUM_PATH, /usr/bin/chromium, or Debian's package installed now (as root
 * with apt-get). Returns its path, or null when it cannot be had here.
 */
async function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = () => candidates.find((p) => existsSync(p));
  if (found()) return found();
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return null;
  step('installing Chromium for the browser tests (apt-get install chromium)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env });
  await install()
    .catch(() => run('apt-get', ['update'], { env }).then(install))
    .catch((error) => {
      console.error(lastLines(error.output ?? error.message));
    });
  return found() ?? null;
}

/** schemathesis for the OpenAPI fuzzing spec, or `{}` (that spec skips) where Python with pip is missing, outside CI. */
async function ensureSchemathesis() {
  step('provisioning schemathesis');
  const found = await provisionSchemathesis();
  if (found.path) return found;
  if (process.env.CI) throw new Error(`schemathesis is missing (${found.error}): CI must run the OpenAPI fuzzing`);
  console.warn(
    `\n${yellow(bold('⚠ THE SCHEMATHESIS RUN WILL BE SKIPPED'))}: ${found.error}.\n` +
      '  Install Python 3 with pip, or set SCHEMATHESIS_PATH, to run it.\n',
  );
  return {};
}

/** A LIKE pattern for names that start with `prefix`: its `_` and `%` are literal, not wildcards. */
const startsWith = (prefix) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`;

/** Every database whose name starts with `prefix`. */
async function databasesStartingWith(client, prefix) {
  const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 ESCAPE '\\'`, [
    startsWith(prefix),
  ]);
  return rows.map((row) => row.datname);
}

/**
 * A fresh database for this run; test files make their own next to it (`<run>_<hex>`, test/support/database.ts).
 * All of them are dropped afterwards; databases left behind by runs that died are dropped after STALE_AFTER_MS.
 */
async function freshDatabase(serverUrl) {
  const name = `${DB_PREFIX}${Date.now()}_${randomBytes(3).toString('hex')}`;
  const adminUrl = adminUrlOf(serverUrl);
  await withAdminClient(adminUrl, async (client) => {
    for (const datname of await databasesStartingWith(client, DB_PREFIX)) {
      const started = Number(datname.slice(DB_PREFIX.length).split('_')[0]);
      if (Date.now() - started > STALE_AFTER_MS)
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${name}"`);
  });
  cleanups.push(() =>
    withAdminClient(adminUrl, async (client) => {
      for (const datname of await databasesStartingWith(client, name))
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }),
  );
  return { url: withDatabase(serverUrl, name), adminUrl };
}

async function main() {
  await ensureDependencies();
  if (process.env.TEST_SKIP_LINT !== '1') {
    await runStep('lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']);
    await runStep('format check (prettier)', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
    await runStep('type-check (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  }
  step('building');
  await build({ quiet: true });

  step('provisioning the Temporal binaries');
  const temporal = await provisionTemporal(['cli', 'testServer']);
  const schemathesis = await ensureSchemathesis();
  const postgres = await resolvePostgres();
  const database = await freshDatabase(postgres.serverUrl);
  step(`PostgreSQL: ${postgres.source}, fresh database ${new URL(database.url).pathname.slice(1)}`);

  const chromium = await ensureChromium();
  const projects = [];
  if (!chromium) {
    if (process.env.CI)
      throw new Error('Chromium is missing and could not be installed: CI must run the browser tests');
    console.warn(
      `\n${yellow(bold('⚠ SKIPPING THE BROWSER TESTS'))}: no Chromium at /usr/bin/chromium and it could not be installed.\n` +
        "  Install Debian's `chromium` package, or set CHROMIUM_PATH, to run them.\n",
    );
    // Last: --selectProjects takes every word after it, which would swallow test paths given after it.
    projects.push('--selectProjects', 'unit', 'workflow', 'e2e');
  }

  const env = {
    ...process.env,
    NODE_ENV: 'test',
    ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
    TEST_DATABASE_URL: database.url,
    TEST_DATABASE_ADMIN_URL: database.adminUrl,
    TEMPORAL_CLI_PATH: temporal.cli.path ?? '',
    TEMPORAL_TEST_SERVER_PATH: temporal.testServer.path ?? '',
    SCHEMATHESIS_PATH: schemathesis.path ?? '',
    SCHEMATHESIS_PYTHONPATH: schemathesis.pythonPath ?? '',
  };
  const jestArgs = ['--ci', ...(process.env.CI ? ['--maxWorkers=2'] : []), ...process.argv.slice(2), ...projects];
  step(`jest ${jestArgs.join(' ')}`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/jest/bin/jest.js'), ...jestArgs], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  return code;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`\n${red(bold('✖'))} ${error.message}`);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}
process.exit(exitCode);
