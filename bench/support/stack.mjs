// The real Terugkeer on a scenario's Temporal server and database: the built worker and API (dist/) as their own
// processes, configured as a production deployment (NODE_ENV=production, fresh random keys), so that their memory
// is their own and what they log goes to the scenario's folder.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dist, ROOT } from './paths.mjs';
import { peakRss, rssOf, startProcess, unlessDied } from './processes.mjs';

const { freePort } = await import(path.join(ROOT, 'scripts/lib/util.mjs'));
const { mintToken } = await import(path.join(ROOT, 'scripts/lib/dev-auth.mjs'));

const READY_WITHIN_MS = 120_000;

const key = () => randomBytes(32).toString('base64');

async function waitUntil(what, probe, procs) {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (
    !(await unlessDied(
      probe().catch(() => false),
      procs,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${READY_WITHIN_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Whether the worker polls its task queue: as the server reports its pollers, or — on the test server, which does
 * not — as the worker's log says (at LOG_LEVEL info and below), else after a few seconds.
 */
async function workerPolls(temporal, taskQueue, worker, { logLevel, began }) {
  try {
    const { pollers } = await temporal.client.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: taskQueue },
      taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
    });
    return pollers.length > 0;
  } catch (error) {
    if (error.code !== 12) throw error; // UNIMPLEMENTED
  }
  if (['trace', 'debug', 'info'].includes(logLevel)) {
    return readFileSync(worker.logFile, 'utf8').includes(`polling task queue '${taskQueue}'`);
  }
  return Date.now() - began > 10_000;
}

/**
 * Starts the worker, then the API, and waits until the worker polls its task queue and the API's /health answers
 * 200. `logLevel`: the apps' LOG_LEVEL (production logs at `info`). The rate limits are lifted: the load comes
 * from one address with a handful of tokens, which production's limits (per token and address) would refuse.
 */
export async function startTerugkeer({ temporal, db, dir, name, logLevel = 'info', env = {} }) {
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const taskQueue = `bench-${name}-${randomBytes(3).toString('hex')}`;
  const jwtSecret = randomBytes(48).toString('base64url');
  const appEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: logLevel,
    PORT: String(port),
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    AUTH_JWT_SECRET: jwtSecret,
    TEMPORAL_PAYLOAD_KEY: key(),
    PARTNER_SECRET_KEY: key(),
    BSN_HASH_KEY: key(),
    PUBLIC_BASE_URL: apiUrl,
    RATE_LIMIT_PER_TOKEN: '100000000',
    RATE_LIMIT_PER_IP: '100000000',
    ...env,
  };
  const node = (script) => [process.execPath, ['--enable-source-maps', dist(script)]];
  const worker = startProcess('the Terugkeer worker', ...node('apps/worker/src/main.js'), {
    env: appEnv,
    cwd: ROOT,
    logFile: path.join(dir, `${name}-worker.log`),
  });
  const api = startProcess('the Terugkeer API', ...node('apps/api/src/main.js'), {
    env: appEnv,
    cwd: ROOT,
    logFile: path.join(dir, `${name}-api.log`),
  });
  const procs = [worker, api, temporal.proc];
  const began = Date.now();
  try {
    await waitUntil('the worker', () => workerPolls(temporal, taskQueue, worker, { logLevel, began }), procs);
    await waitUntil('the API', async () => (await fetch(`${apiUrl}/health`)).status === 200, procs);
  } catch (error) {
    await api.stop();
    await worker.stop();
    throw error;
  }
  return {
    apiUrl,
    taskQueue,
    worker,
    api,
    procs,
    /** A bearer token as the identity provider would issue it. */
    token: async (role, org, sub = `bench-${role}-${org}`) =>
      `Bearer ${await mintToken(jwtSecret, { role, org, sub, expiresIn: '2h' })}`,
    memory: () => ({
      worker: { rss: rssOf(worker.pid), peak: peakRss(worker.pid) },
      api: { rss: rssOf(api.pid), peak: peakRss(api.pid) },
    }),
    /** Fails fast when the worker, the API or Temporal died while `promise` was pending. */
    guard: (promise) => unlessDied(promise, procs),
    stop: async () => {
      await api.stop();
      await worker.stop();
    },
  };
}
