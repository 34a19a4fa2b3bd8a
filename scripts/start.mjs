// `npm start`: the whole Terugkeer stack with one command, on a fresh clone.
//   1. installs npm dependencies when missing, compiles, bundles the workflows
//   2. Temporal: TEMPORAL_ADDRESS when set, otherwise `temporal server start-dev` on a SQLite file (Web UI on)
//   3. PostgreSQL: DATABASE_URL when set, otherwise an embedded PostgreSQL under the data folder
//   4. e-mail: SMTP_URL when set, otherwise a local SMTP catcher with a web inbox (maildev)
//   5. applies migrations, then runs the worker and the API, and prints the URLs
// Everything it started is stopped on Ctrl-C (SIGINT) or SIGTERM; data survives restarts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from './build.mjs';
import { consoleLogs } from './lib/console-logs.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { dataDirOf, jwtSecret, loadEnv, secretsFileOf } from './lib/dev-auth.mjs';
import { postgresAnswers, startEmbeddedPostgres } from './lib/postgres.mjs';
import { ROOT, bold, dim, green, portAnswers, red, step, waitFor } from './lib/util.mjs';
import { executableOption, provisionTemporal } from './provision-temporal.mjs';
import { seedDemoDetentions } from './seed-demo-detentions.mjs';
import { seedDemoPartners } from './seed-demo-partners.mjs';

// A .env file next to package.json fills in what the environment does not set.
const env = loadEnv();
const DATA_DIR = dataDirOf(env);
const PORT = Number(env.PORT ?? 3000);
const TEMPORAL_DEV_PORT = Number(env.TEMPORAL_DEV_PORT ?? 7233);
const TEMPORAL_UI_PORT = Number(env.TEMPORAL_UI_PORT ?? 8233);
const EMBEDDED_PG_PORT = Number(env.EMBEDDED_PG_PORT ?? 54329);
const NAMESPACE = env.TEMPORAL_NAMESPACE ?? 'default';
const PARTNER_SIM_PORT = Number(env.PARTNER_SIM_PORT ?? 3100);
const MAILDEV_SMTP_PORT = Number(env.MAILDEV_SMTP_PORT ?? 1025);
const MAILDEV_WEB_PORT = Number(env.MAILDEV_WEB_PORT ?? 1080);
/** `npm start -- --demo` (or TERUGKEER_DEMO=1): demo partners, served by the partner simulator. */
const DEMO = process.argv.includes('--demo') || env.TERUGKEER_DEMO === '1';

/** A start-up problem the user can fix; shown without a stack trace. */
class StartError extends Error {}

/** Every process this script started, newest last; stopped in reverse order. */
const children = [];
let stopping = false;

function track(name, child, { stop = 'SIGTERM' } = {}) {
  const entry = { name, child, stop, exited: false };
  child.on('exit', (code, signal) => {
    entry.exited = true;
    if (!stopping) {
      console.error(`\n${red('✖')} ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down.`);
      void shutdown(1);
    }
  });
  children.push(entry);
  return child;
}

async function shutdown(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  step('stopping …');
  for (const entry of [...children].reverse()) {
    if (entry.exited) continue;
    const gone = new Promise((resolve) => entry.child.once('exit', resolve));
    entry.child.kill(entry.stop);
    const timer = setTimeout(() => entry.child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function devSecrets() {
  const file = secretsFileOf(env);
  const secrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  if (!secrets.authJwtSecret) {
    secrets.authJwtSecret = randomBytes(48).toString('base64url');
    changed = true;
  }
  // One key per purpose (payloads, partner secrets, the BSN hash), each rotatable on its own.
  for (const name of ['temporalPayloadKey', 'partnerSecretKey', 'bsnHashKey']) {
    if (secrets[name]) continue;
    secrets[name] = randomBytes(32).toString('base64');
    changed = true;
  }
  if (changed) writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** `host:port` (or `[v6]:port`) of TEMPORAL_ADDRESS; Temporal's frontend port 7233 when it names none. */
function hostAndPort(address) {
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(address.trim());
  if (!match) throw new StartError(`TEMPORAL_ADDRESS must be host:port, not '${address}'.`);
  return { host: match[1] ?? match[2], port: Number(match[3] ?? 7233) };
}

/** Refuses to start when something already holds a port this start needs; before anything is started. */
async function ensurePortsFree() {
  const wanted = [{ port: PORT, what: 'the API', variable: 'PORT' }];
  if (DEMO) wanted.push({ port: PARTNER_SIM_PORT, what: 'the partner simulator', variable: 'PARTNER_SIM_PORT' });
  if (!env.SMTP_URL) {
    wanted.push({ port: MAILDEV_SMTP_PORT, what: 'the mail catcher (SMTP)', variable: 'MAILDEV_SMTP_PORT' });
    wanted.push({ port: MAILDEV_WEB_PORT, what: "the mail catcher's inbox", variable: 'MAILDEV_WEB_PORT' });
  }
  for (const { port, what, variable } of wanted) {
    if (await portAnswers(port))
      throw new StartError(`Port ${port} is already in use, so ${what} cannot start; set ${variable} to another port.`);
  }
}

async function startTemporal() {
  if (env.TEMPORAL_ADDRESS) {
    const { host, port } = hostAndPort(env.TEMPORAL_ADDRESS);
    if (!(await portAnswers(port, host, 3000)))
      throw new StartError(
        `Temporal at ${env.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS) does not answer.\n` +
          `  Start it, fix the address, or unset TEMPORAL_ADDRESS to let \`npm start\` run a Temporal dev server.`,
      );
    step(`using the Temporal cluster at ${env.TEMPORAL_ADDRESS}`);
    return { address: env.TEMPORAL_ADDRESS, ui: undefined };
  }
  const address = `127.0.0.1:${TEMPORAL_DEV_PORT}`;
  if (await portAnswers(TEMPORAL_DEV_PORT)) {
    throw new StartError(
      `Port ${TEMPORAL_DEV_PORT} is already in use, so the Temporal dev server cannot start.\n` +
        `  Stop what holds it (maybe an earlier \`npm start\` or \`temporal server start-dev\`), choose another\n` +
        `  port with TEMPORAL_DEV_PORT, or use that server with TEMPORAL_ADDRESS=${address}.`,
    );
  }
  const { cli } = await provisionTemporal(['cli']);
  const { searchAttributeFlags } = await import(
    pathToFileURL(path.join(ROOT, 'dist/libs/contracts/src/search-attributes.js')).href
  );
  mkdirSync(path.join(DATA_DIR, 'temporal'), { recursive: true });
  const dbFile = path.join(DATA_DIR, 'temporal', 'temporal.db');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(TEMPORAL_DEV_PORT),
    '--ui-port',
    String(TEMPORAL_UI_PORT),
    '--db-filename',
    dbFile,
    '--namespace',
    NAMESPACE,
    '--log-level',
    'warn',
    '--ui-disable-news-fetch',
    '--ui-codec-endpoint',
    `http://localhost:${PORT}/codec`,
    ...searchAttributeFlags(),
  ];
  if (cli.path) {
    step(`starting the Temporal dev server (${dim(path.relative(ROOT, dbFile))})`);
    const log = createWriteStream(path.join(DATA_DIR, 'temporal', 'temporal.log'), { flags: 'a' });
    const child = track('Temporal dev server', spawn(cli.path, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  } else {
    // Last resort: the SDK downloads the CLI (needs internet) and runs the same dev server in-process.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    step('starting the Temporal dev server through the SDK download (needs internet access)');
    const devEnv = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: executableOption(cli),
        ip: '127.0.0.1',
        port: TEMPORAL_DEV_PORT,
        uiPort: TEMPORAL_UI_PORT,
        dbFilename: dbFile,
        namespace: NAMESPACE,
        extraArgs: [
          '--log-level',
          'warn',
          '--ui-codec-endpoint',
          `http://localhost:${PORT}/codec`,
          ...searchAttributeFlags(),
        ],
      },
    });
    children.push({ name: 'Temporal dev server', exited: false, child: sdkServerHandle(devEnv) });
  }
  await waitFor('The Temporal dev server', () => portAnswers(TEMPORAL_DEV_PORT), { timeoutMs: 60_000 });
  return { address, ui: `http://localhost:${TEMPORAL_UI_PORT}` };
}

/** Lets the shutdown loop stop an SDK-managed dev server like a child process. */
function sdkServerHandle(devEnv) {
  const listeners = [];
  return {
    once: (_event, listener) => listeners.push(listener),
    kill: () => void devEnv.teardown().finally(() => listeners.forEach((l) => l())),
  };
}

async function startPostgres() {
  if (env.DATABASE_URL) {
    const host = new URL(env.DATABASE_URL).host;
    if (!(await postgresAnswers(env.DATABASE_URL)))
      throw new StartError(`PostgreSQL at ${host} (DATABASE_URL) does not answer.`);
    step(`using PostgreSQL at ${host}`);
    return env.DATABASE_URL;
  }
  if (await portAnswers(EMBEDDED_PG_PORT)) {
    throw new StartError(
      `Port ${EMBEDDED_PG_PORT} is in use, so the embedded PostgreSQL cannot start; set EMBEDDED_PG_PORT or DATABASE_URL.`,
    );
  }
  const dataDir = path.join(DATA_DIR, 'postgres');
  step(`starting the embedded PostgreSQL (${dim(path.relative(ROOT, dataDir))}, port ${EMBEDDED_PG_PORT})`);
  try {
    const { url, child } = await startEmbeddedPostgres({ dataDir, port: EMBEDDED_PG_PORT, database: 'terugkeer' });
    track('PostgreSQL', child);
    return url;
  } catch (error) {
    throw new StartError(`${error.message}\n  Or point DATABASE_URL at a PostgreSQL server of your own.`);
  }
}

/**
 * E-mail: SMTP_URL when set; otherwise maildev, an SMTP server that keeps every mail for its web inbox (nothing
 * leaves this machine), so that a newcomer sees the notifications.
 */
async function startMailCatcher() {
  if (env.SMTP_URL) {
    step('using the mail server of SMTP_URL');
    return { smtpUrl: env.SMTP_URL, inbox: undefined };
  }
  step('starting the mail catcher (maildev)');
  track(
    'mail catcher',
    spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/maildev/bin/maildev'),
        ...['--smtp', String(MAILDEV_SMTP_PORT), '--web', String(MAILDEV_WEB_PORT)],
        ...['--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--silent'],
      ],
      { cwd: ROOT, stdio: 'inherit' },
    ),
  );
  await waitFor('The mail catcher', () => portAnswers(MAILDEV_WEB_PORT), { timeoutMs: 20_000 });
  return { smtpUrl: `smtp://127.0.0.1:${MAILDEV_SMTP_PORT}`, inbox: `http://localhost:${MAILDEV_WEB_PORT}` };
}

/** Registers the demo partners through the API and runs the partner simulator for the webhook ones. */
async function startDemoPartners(childEnv) {
  let secret;
  try {
    secret = jwtSecret(childEnv);
  } catch (error) {
    throw new StartError(`--demo mints tokens to register partners and detentions: ${error.message}`);
  }
  if (await portAnswers(PARTNER_SIM_PORT))
    throw new StartError(`Port ${PARTNER_SIM_PORT} is in use; set PARTNER_SIM_PORT.`);
  const url = `http://127.0.0.1:${PARTNER_SIM_PORT}`;
  step('registering the demo partners');
  const seeded = await seedDemoPartners({
    apiUrl: `http://localhost:${PORT}`,
    simUrl: url,
    dataDir: DATA_DIR,
    secret,
  });
  step('starting the partner simulator');
  track(
    'partner simulator',
    spawn(process.execPath, ['dist/apps/partner-sim/src/main.js'], {
      cwd: ROOT,
      env: { ...childEnv, PARTNER_SIM_PARTNERS: seeded.file, PARTNER_SIM_PORT: String(PARTNER_SIM_PORT) },
      stdio: 'inherit',
    }),
  );
  await waitFor('The partner simulator', () => portAnswers(PARTNER_SIM_PORT), { timeoutMs: 20_000 });
  step('registering the demo detentions not there yet');
  const detentions = await seedDemoDetentions({ apiUrl: `http://localhost:${PORT}`, secret });
  return { url, ...seeded, detentions };
}

async function runNode(name, script, childEnv) {
  const logs = await consoleLogs(childEnv);
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    cwd: ROOT,
    env: childEnv,
    stdio: logs.stdio,
  });
  logs.attach(child);
  return track(name, child);
}

async function main() {
  console.log(bold('Terugkeer') + dim(' — re-integration process orchestrator'));
  await ensurePortsFree();
  await ensureDependencies();
  await build();
  mkdirSync(DATA_DIR, { recursive: true });

  const temporal = await startTemporal();
  const databaseUrl = await startPostgres();
  const mail = await startMailCatcher();
  const secrets = devSecrets();
  const generated = {
    ...(env.AUTH_JWT_SECRET || env.AUTH_JWKS_URL ? {} : { AUTH_JWT_SECRET: secrets.authJwtSecret }),
    ...(env.TEMPORAL_PAYLOAD_KEY ? {} : { TEMPORAL_PAYLOAD_KEY: secrets.temporalPayloadKey }),
    ...(env.PARTNER_SECRET_KEY ? {} : { PARTNER_SECRET_KEY: secrets.partnerSecretKey }),
    ...(env.BSN_HASH_KEY ? {} : { BSN_HASH_KEY: secrets.bsnHashKey }),
  };
  const nodeEnv = env.NODE_ENV ?? 'development';
  // The development stack's sign-in with demo identities; never in production or with an identity provider.
  const devLogin = nodeEnv === 'development' && !env.AUTH_JWKS_URL ? { DEV_LOGIN: env.DEV_LOGIN ?? 'true' } : {};
  const childEnv = {
    ...env,
    NODE_ENV: nodeEnv,
    ...devLogin,
    PORT: String(PORT),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: NAMESPACE,
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? `http://localhost:${PORT}`,
    SMTP_URL: mail.smtpUrl,
    // The demo's partner simulator listens on this machine; a development stack may deliver there.
    ...(nodeEnv === 'development' && !env.WEBHOOK_ALLOW_PRIVATE_NETWORKS
      ? { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }
      : {}),
    // The dev server's Temporal UI decodes histories through the API's codec server, with the supervisor's cookie.
    ...(temporal.ui && !env.CODEC_CORS_ORIGINS
      ? { CODEC_CORS_ORIGINS: `http://localhost:${TEMPORAL_UI_PORT},http://127.0.0.1:${TEMPORAL_UI_PORT}` }
      : {}),
    ...generated,
  };

  step('applying database migrations');
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/libs/persistence/src/migrate.js'], {
      cwd: ROOT,
      env: childEnv,
      stdio: 'inherit',
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('the migrations failed (see above)'))));
  }).catch((error) => {
    console.error(`${red('✖')} ${error.message}`);
    return shutdown(1);
  });

  if (await portAnswers(PORT)) {
    console.error(`${red('✖')} Port ${PORT} is already in use; set PORT to another port.`);
    return shutdown(1);
  }
  step('starting the worker and the API');
  await runNode('worker', 'dist/apps/worker/src/main.js', childEnv);
  await runNode('api', 'dist/apps/api/src/main.js', childEnv);

  const health = `http://localhost:${PORT}/health`;
  await waitFor('The API', async () => (await fetch(health).catch(() => undefined))?.status === 200, {
    timeoutMs: 90_000,
  }).catch((error) => {
    console.error(`${red('✖')} ${error.message}; see the log lines above.`);
    return shutdown(1);
  });
  if (stopping) return;

  let demo;
  if (DEMO)
    demo = await startDemoPartners(childEnv).catch((error) => {
      console.error(`${red('✖')} the demo partners did not start: ${error.message}`);
      return shutdown(1);
    });
  if (stopping) return;

  const line = (label, value) => console.log(`  ${label.padEnd(12)} ${value}`);
  console.log(`\n${green('✔')} ${bold('Terugkeer is running')}`);
  line('Web UI', `http://localhost:${PORT}/`);
  line('API', `http://localhost:${PORT}/api/v1`);
  line('OpenAPI', `http://localhost:${PORT}/api/docs`);
  line('Health', health);
  if (temporal.ui) line('Temporal UI', temporal.ui);
  if (mail.inbox) line('Mail inbox', `${mail.inbox} (the e-mail Terugkeer sends, caught here)`);
  if (demo) line('Partner sim', `${demo.url} (${demo.simulated} simulated partners, ${demo.partners} registered)`);
  if (demo) line('Demo cases', `${demo.detentions.seeded} registered now, ${demo.detentions.present} there already`);
  line('Data', path.relative(process.cwd(), DATA_DIR) || '.');
  line('Token', 'npm run token -- --role casemanager --org PI-ALMELO');
  console.log(dim('\n  Ctrl-C stops everything; data is kept for the next start.\n'));
}

main().catch((error) => {
  console.error(`\n${red('✖')} ${error instanceof StartError ? error.message : (error.stack ?? error)}\n`);
  void shutdown(1);
});
