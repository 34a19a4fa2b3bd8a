// What each scenario runs on, started afresh and torn down after it: a Temporal server, a migrated database with
// partners, the real worker and API. The bare baseline's worker runs in this process, on the same Temporal server.
import { ALL_MUNICIPALITIES } from './population.mjs';
import { backendPids, createDatabase, postgresMemory, seedPartners } from './database.mjs';
import { cpuSeconds, treeRss } from './processes.mjs';
import { startTerugkeer } from './stack.mjs';
import { DEV_SERVERS, startDevServer, startTimeSkippingServer } from './temporal.mjs';

/**
 * Starts Temporal (`server`: a dev server of DEV_SERVERS, or 'time-skipping' for the test server), a database and
 * Terugkeer for the scenario `name`; every part is stopped (and the database dropped, unless `keep`) by `ctx.defer`.
 */
export async function startEnvironment(ctx, name, { server = ctx.options.temporal, env = {} } = {}) {
  ctx.log(
    `starting Temporal (${DEV_SERVERS[server] ?? 'time-skipping test server'}), a database, the worker and the API`,
  );
  const temporal =
    server === 'time-skipping'
      ? await startTimeSkippingServer({ dir: ctx.dir })
      : await startDevServer({ dir: ctx.dir, mode: server, name: `${name}-temporal` });
  ctx.defer(() => temporal.stop());
  const db = await createDatabase(name);
  ctx.defer(() => (ctx.options.keep ? db.pg.end() : db.drop()));
  await seedPartners(db.pg, ALL_MUNICIPALITIES);
  const stack = await startTerugkeer({ temporal, db, dir: ctx.dir, name, logLevel: ctx.options.logLevel, env });
  ctx.defer(() => stack.stop());
  return { temporal, db, stack, memory: () => memoryOf({ temporal, db, stack }) };
}

/** Memory right now: the worker's and the API's RSS (and peak), Temporal's RSS, PostgreSQL's for this database. */
export async function memoryOf({ temporal, db, stack }) {
  return {
    ...stack.memory(),
    temporal: { rss: treeRss(temporal.proc.pid) },
    postgres: await postgresMemory(db.pg, db.name),
  };
}

/** Samples memory every `intervalMs` while a scenario runs; `stop()` answers the highest of each and the last. */
export function memorySampler(environment, intervalMs = 1000) {
  const max = { worker: 0, api: 0, temporal: 0, postgresPss: 0, postgresRss: 0 };
  let last;
  const sample = async () => {
    last = await environment.memory();
    max.worker = Math.max(max.worker, last.worker.rss);
    max.api = Math.max(max.api, last.api.rss);
    max.temporal = Math.max(max.temporal, last.temporal.rss);
    max.postgresPss = Math.max(max.postgresPss, last.postgres.pss);
    max.postgresRss = Math.max(max.postgresRss, last.postgres.rss);
  };
  let busy = Promise.resolve();
  const timer = setInterval(() => {
    busy = busy.then(sample).catch(() => undefined);
  }, intervalMs);
  let stopped;
  return {
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(timer);
        await busy;
        await sample().catch(() => undefined);
        return { max, last };
      })()),
  };
}

/**
 * CPU time spent by each part between `cpuMeter()` and the call of what it answers, in seconds: the worker, the
 * API, Temporal, PostgreSQL's backends of this database, and this process (the bare worker and the load).
 */
export async function cpuMeter({ temporal, db, stack }) {
  // Backends come and go with the pools: each is counted from when it was first seen (or from its start).
  const backendsAtStart = new Map();
  for (const pid of await backendPids(db.pg, db.name)) backendsAtStart.set(pid, cpuSeconds([pid]));
  const read = () => ({
    worker: cpuSeconds([stack.worker.pid]),
    api: cpuSeconds([stack.api.pid]),
    temporal: cpuSeconds(temporal.pids()),
    bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  });
  const before = read();
  return async () => {
    const after = read();
    const used = Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
    used.postgres = 0;
    for (const pid of await backendPids(db.pg, db.name))
      used.postgres += cpuSeconds([pid]) - (backendsAtStart.get(pid) ?? 0);
    return Object.fromEntries(Object.entries(used).map(([k, v]) => [k, Math.round(v * 100) / 100]));
  };
}
