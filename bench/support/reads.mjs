// The reads people make all day — a detention's status and timeline, their caseload list, their task inbox, the
// releases coming up, the national dashboard — as load on the API, and what bare Temporal would answer instead:
// a Query on a workflow for one case, a visibility list of running workflows for a caseload, a count for the nation.
import { cpuMeter } from './environment.mjs';
import { call } from './http.mjs';
import { loadApi, loadBare } from './load.mjs';
import { summarise } from './measure.mjs';
import { figure } from './report.mjs';

/** Who reads what: a casemanager their prison's cases, a national supervisor everything. */
export async function readers(stack, db, { sample = 1000 } = {}) {
  const { rows: detentions } = await db.pg.query(
    `SELECT id, prison FROM detentions WHERE phase = 'detained' AND erased_at IS NULL ORDER BY md5(id::text) LIMIT $1`,
    [sample],
  );
  const { rows } = await db.pg.query(`SELECT DISTINCT prison FROM detentions WHERE phase = 'detained'`);
  const prisons = rows.map((r) => r.prison).sort();
  const tokens = new Map();
  for (const prison of prisons) tokens.set(prison, await stack.token('casemanager', prison, `casemanager-${prison}`));
  return { detentions, prisons, tokens, supervisor: await stack.token('supervisor', '*', 'supervisor-national') };
}

const cycle = (list) => {
  let i = 0;
  return () => list[i++ % list.length];
};

/**
 * The endpoints of the load phases: how to make the n-th request, and which bare-Temporal call stands beside it
 * (`query` on a bare workflow, `list` of running workflows of one prison, or none).
 */
export function endpoints(who) {
  const detention = cycle(who.detentions);
  const prison = cycle(who.prisons);
  const asCasemanager = (path) => () => ({ path, token: who.tokens.get(prison()) });
  const ofCase = (suffix) => () => {
    const d = detention();
    return { path: `/api/v1/detentions/${d.id}${suffix}`, token: who.tokens.get(d.prison) };
  };
  return {
    status: { what: 'GET /api/v1/detentions/:id (casemanager)', next: ofCase(''), bare: 'query' },
    timeline: { what: 'GET /api/v1/detentions/:id/timeline (casemanager)', next: ofCase('/timeline'), bare: 'query' },
    list: {
      what: 'GET /api/v1/detentions?pageSize=50 (casemanager of a prison)',
      next: asCasemanager('/api/v1/detentions?pageSize=50'),
      bare: 'list',
    },
    inbox: {
      what: 'GET /api/v1/tasks?status=open&pageSize=50 (casemanager)',
      next: asCasemanager('/api/v1/tasks?status=open&pageSize=50'),
      bare: 'list',
    },
    readiness: {
      what: 'GET /api/v1/readiness?pageSize=50 (casemanager)',
      next: asCasemanager('/api/v1/readiness?pageSize=50'),
      bare: 'list',
    },
    'list (national)': {
      what: 'GET /api/v1/detentions?pageSize=50 (national supervisor)',
      next: () => ({ path: '/api/v1/detentions?pageSize=50', token: who.supervisor }),
      bare: 'list-all',
    },
  };
}

/** Bare-Temporal calls at the same rate: Queries on bare workflows, visibility lists of the scenario's workflows. */
export function bareReads(temporal, { handles, prisons }) {
  const handle = cycle(handles ?? []);
  const prison = cycle(prisons);
  const list = (query) =>
    temporal.client.workflowService.listWorkflowExecutions({ namespace: 'default', pageSize: 50, query });
  return {
    query: () => handle().query('status'),
    list: () => list(`TerugkeerPrison = '${prison()}' AND ExecutionStatus = 'Running'`),
    'list-all': () => list(`ExecutionStatus = 'Running'`),
    count: () =>
      temporal.client.workflowService.countWorkflowExecutions({
        namespace: 'default',
        query: `TerugkeerPhase = 'detained' AND ExecutionStatus = 'Running'`,
      }),
  };
}

/**
 * What the bench database's backends were doing while `promise` ran, sampled every 100 ms from pg_stat_activity:
 * the share of busy samples per wait event ('CPU' when a backend was active without waiting), and how many were busy
 * on average.
 */
async function waitsDuring(db, promise) {
  const counts = {};
  let samples = 0;
  let busy = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      const { rows } = await db.pg.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS what, count(*)::int AS n
           FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid() GROUP BY 1`,
        [db.name],
      );
      samples++;
      for (const { what, n } of rows) {
        counts[what] = (counts[what] ?? 0) + n;
        busy += n;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    await promise;
  } finally {
    running = false;
    await sampling;
  }
  const waits = Object.fromEntries(
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([what, n]) => [what, Math.round((n / Math.max(busy, 1)) * 100)]),
  );
  return { result: await promise, postgres: { busyBackends: samples ? busy / samples : 0, waits } };
}

/**
 * Each endpoint under `rate` req/s for `seconds` on the API, then its bare counterpart (when `bare` has one). With
 * each API phase: the CPU time per request of the API and of PostgreSQL, and what PostgreSQL's backends waited on.
 */
export async function loadPhases(ctx, env, { phases, rate, seconds, bare }) {
  const { stack, db } = env;
  const results = {};
  for (const [name, endpoint] of Object.entries(phases)) {
    ctx.log(`${name}: ${endpoint.what} at ${rate}/s for ${seconds} s`);
    const cpu = await cpuMeter(env);
    const { result: api, postgres } = await waitsDuring(
      db,
      stack.guard(loadApi({ apiUrl: stack.apiUrl, rate, seconds, next: endpoint.next })),
    );
    const used = await cpu();
    const served = Math.max(api.n, 1);
    api.cpuMsPerRequest = { api: (used.api / served) * 1000, postgres: (used.postgres / served) * 1000 };
    api.postgres = postgres;
    let baseline = null;
    if (bare && bare[endpoint.bare]) {
      ctx.log(`${name}: bare ${endpoint.bare} at ${rate}/s for ${seconds} s`);
      baseline = await loadBare({ rate, seconds, fn: bare[endpoint.bare] });
    }
    results[name] = { what: endpoint.what, api, bare: baseline, bareKind: endpoint.bare };
  }
  return results;
}

/**
 * The national dashboard, one request at a time (it is one supervisor's page, not a stream): `samples` requests or
 * as many as fit in `budgetMs`, each allowed `timeoutMs`. `bareCount`, when given, is timed the same way.
 */
export async function dashboard(stack, token, { samples, budgetMs, bareCount }) {
  const time = async (fn) => {
    const latencies = [];
    const began = performance.now();
    while (latencies.length < samples && (latencies.length === 0 || performance.now() - began < budgetMs)) {
      const t0 = performance.now();
      await fn();
      latencies.push(performance.now() - t0);
    }
    return summarise(latencies, performance.now() - began);
  };
  let bytes = 0;
  const api = await stack.guard(
    time(() => call(stack.apiUrl, 'GET', '/api/v1/dashboard', { token, onSize: (n) => (bytes = n) })),
  );
  return { api: { ...api, bytes }, bare: bareCount ? await time(bareCount) : null };
}

const topWaits = (waits) =>
  Object.entries(waits)
    .slice(0, 3)
    .map(([what, share]) => `${what} ${share} %`)
    .join(', ');

/** A read figure: p99 beside bare, judged on the p99 and on the rate having been held without errors. */
export function readFigure(scenario, name, result, { limit, rate }) {
  const { api, bare } = result;
  const held = api.rate >= rate * 0.95 && api.failed === 0 && api.errors === 0 && api.timeouts === 0;
  const problems = [
    api.rate < rate * 0.95 ? `only ${api.rate.toFixed(0)}/s held` : null,
    api.failed ? `${api.failed} not 2xx (${JSON.stringify(api.statuses)})` : null,
    api.errors || api.timeouts ? `${api.errors} errors, ${api.timeouts} timeouts` : null,
  ].filter(Boolean);
  const bareKind = {
    query: 'bare Query',
    list: 'bare visibility list (one prison)',
    'list-all': 'bare visibility list',
  };
  return figure(scenario, `${name} p99 at ${rate}/s`, {
    value: api.p99,
    baseline: bare?.p99 ?? null,
    target: { text: `< ${limit} ms at ${rate}/s`, pass: api.p99 !== null && api.p99 < limit && held },
    note:
      `${result.what}; p50 ${api.p50?.toFixed(1)} ms, ${api.rate.toFixed(0)}/s held; CPU per request: API ` +
      `${api.cpuMsPerRequest.api.toFixed(1)} ms, PostgreSQL ${api.cpuMsPerRequest.postgres.toFixed(1)} ms; ` +
      `PostgreSQL busy ${api.postgres.busyBackends.toFixed(1)} backends (${topWaits(api.postgres.waits)})` +
      (bare
        ? `; beside: ${bareKind[result.bareKind]}, p50 ${bare.p50?.toFixed(1)} ms, ${bare.rate.toFixed(0)}/s`
        : '') +
      (problems.length ? `; ${problems.join('; ')}` : ''),
  });
}
