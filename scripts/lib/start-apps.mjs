// Terugkeer's own processes under `npm start`: the development secrets, the environment the services get, the
// migrations, then the worker and the API, until the API's /health answers.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { consoleLogs } from './console-logs.mjs';
import { secretsFileOf } from './dev-auth.mjs';
import { portAnswers, red, ROOT, step, waitFor } from './util.mjs';
import { shutdown, track } from './supervisor.mjs';

/** The secrets `npm start` generated into the data folder on its first run, kept for the next. */
function devSecrets(env) {
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

/** The environment of the worker, the API and the partner simulator. */
export function servicesEnv({ env, port, namespace, temporalUiPort }, { temporal, databaseUrl, mail }) {
  const secrets = devSecrets(env);
  const generated = {
    ...(env.AUTH_JWT_SECRET || env.AUTH_JWKS_URL ? {} : { AUTH_JWT_SECRET: secrets.authJwtSecret }),
    ...(env.TEMPORAL_PAYLOAD_KEY ? {} : { TEMPORAL_PAYLOAD_KEY: secrets.temporalPayloadKey }),
    ...(env.PARTNER_SECRET_KEY ? {} : { PARTNER_SECRET_KEY: secrets.partnerSecretKey }),
    ...(env.BSN_HASH_KEY ? {} : { BSN_HASH_KEY: secrets.bsnHashKey }),
  };
  const nodeEnv = env.NODE_ENV ?? 'development';
  // The development stack's sign-in with demo identities; never in production or with an identity provider.
  const devLogin = nodeEnv === 'development' && !env.AUTH_JWKS_URL ? { DEV_LOGIN: env.DEV_LOGIN ?? 'true' } : {};
  return {
    ...env,
    NODE_ENV: nodeEnv,
    ...devLogin,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: namespace,
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
    SMTP_URL: mail.smtpUrl,
    // The demo's partner simulator listens on this machine; a development stack may deliver there.
    ...(nodeEnv === 'development' && !env.WEBHOOK_ALLOW_PRIVATE_NETWORKS
      ? { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }
      : {}),
    // The dev server's Temporal UI decodes histories through the API's codec server, with the supervisor's cookie.
    ...(temporal.ui && !env.CODEC_CORS_ORIGINS
      ? { CODEC_CORS_ORIGINS: `http://localhost:${temporalUiPort},http://127.0.0.1:${temporalUiPort}` }
      : {}),
    ...generated,
  };
}

/** Applies the database migrations; stops the stack when they fail. */
export async function applyMigrations(childEnv) {
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

/** Starts the worker and the API; resolves the API's /health URL once it answers 200 (stops the stack if not). */
export async function startWorkerAndApi({ port }, childEnv) {
  if (await portAnswers(port)) {
    console.error(`${red('✖')} Port ${port} is already in use; set PORT to another port.`);
    return shutdown(1);
  }
  step('starting the worker and the API');
  await runNode('worker', 'dist/apps/worker/src/main.js', childEnv);
  await runNode('api', 'dist/apps/api/src/main.js', childEnv);

  const health = `http://localhost:${port}/health`;
  await waitFor('The API', async () => (await fetch(health).catch(() => undefined))?.status === 200, {
    timeoutMs: 90_000,
  }).catch((error) => {
    console.error(`${red('✖')} ${error.message}; see the log lines above.`);
    return shutdown(1);
  });
  return health;
}
