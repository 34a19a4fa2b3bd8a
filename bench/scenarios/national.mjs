// National scale: m open detentions registered through the real path (the API, real workflows, their first turns
// done), then the reads of every day under a constant rate from autocannon — status, timeline, caseload list, task
// inbox, readiness, and the national supervisor's list — each beside what bare Temporal answers at the same rate
// on the same server; then the national dashboard. The memory of the worker, the API, Temporal and PostgreSQL is
// sampled throughout.
import { startBareWorker } from '../support/bare.mjs';
import { cpuMeter, memorySampler, startEnvironment } from '../support/environment.mjs';
import { casemanagerTokens, register, waitUntilSettled } from '../support/intake.mjs';
import { bareReads, dashboard, endpoints, loadPhases, readers, readFigure } from '../support/reads.mjs';
import { figure } from '../support/report.mjs';

export const TITLE = 'national scale: open detentions registered through the API, then the reads under load';

const CHUNK = 2000;
const GIB = 1024 ** 3;
const BARE_CASES = 200;

/** The population as the read models hold it: phases, stays, and the rows per detention. */
async function populationOf(db) {
  const { rows } = await db.pg.query(`
    SELECT count(*)::int AS detentions,
           count(*) FILTER (WHERE phase = 'detained')::int AS detained,
           count(*) FILTER (WHERE expected_release_date IS NULL)::int AS remand,
           count(*) FILTER (WHERE expected_release_date - intake_date <= 91)::int AS "stayUpTo3Months",
           (SELECT count(*) FROM tasks)::int AS tasks,
           (SELECT count(*) FROM tasks WHERE status = 'open')::int AS "openTasks",
           (SELECT count(*) FROM requests)::int AS requests,
           (SELECT count(*) FROM timeline_events)::int AS "timelineEvents",
           (SELECT count(*) FROM detention_steps)::int AS steps
      FROM detentions`);
  return rows[0];
}

export async function run(ctx) {
  const { detentions: m, rate, duration, concurrency } = ctx.options;
  const env = await startEnvironment(ctx, 'national');
  const { temporal, db, stack } = env;
  const sampler = memorySampler(env);
  ctx.defer(() => sampler.stop());

  ctx.log(`registering ${m} detentions through the API, ${concurrency} in flight`);
  const tokens = await casemanagerTokens(stack);
  const cpu = await cpuMeter(env);
  const began = performance.now();
  const latencies = [];
  for (let from = 0; from < m; from += CHUNK) {
    const chunk = await register(stack, Math.min(CHUNK, m - from), { seed: 1, from, concurrency, tokens });
    latencies.push(...chunk.latencies);
    const done = from + chunk.ids.length;
    const perSecond = done / ((performance.now() - began) / 1000);
    const left = done < m ? `, about ${Math.ceil((m - done) / perSecond / 60)} min to go` : '';
    ctx.log(`  … ${done}/${m} registered (${perSecond.toFixed(1)}/s${left})`);
  }
  const registeredMs = performance.now() - began;
  const settled = await waitUntilSettled(stack, db, { expected: m, log: ctx.log, timeoutMs: 60 * 60_000 });
  const populatedMs = performance.now() - began;
  const populationCpu = await cpu();
  const population = await populationOf(db);
  ctx.log(`population: ${JSON.stringify(population)}; CPU seconds: ${JSON.stringify(populationCpu)}`);
  const memoryAfterPopulation = await env.memory();

  const bare = await startBareWorker(temporal, { name: 'national' });
  ctx.defer(() => bare.stop());
  const handles = [];
  for (let i = 0; i < BARE_CASES; i++)
    handles.push(await bare.start('bareCaseWorkflow', `bare-case-${i}-${bare.taskQueue}`));
  const who = await readers(stack, db);
  const reads = await loadPhases(ctx, env, {
    phases: endpoints(who),
    rate,
    seconds: duration,
    bare: bareReads(temporal, { handles, prisons: who.prisons }),
  });
  ctx.log('dashboard: GET /api/v1/dashboard as the national supervisor, one at a time');
  const board = await dashboard(stack, who.supervisor, {
    samples: 20,
    budgetMs: 60_000,
    bareCount: bareReads(temporal, { prisons: who.prisons }).count,
  });
  const memory = await sampler.stop();

  const scenario = `national (${m})`;
  const limit = 50;
  return {
    figures: [
      figure(scenario, 'registrations through the API', {
        value: (m / registeredMs) * 1000,
        unit: '/s',
        note: `${m} registered in ${(registeredMs / 1000).toFixed(0)} s; every first turn done and the read models still after ${(populatedMs / 1000).toFixed(0)} s`,
      }),
      ...Object.entries(reads).map(([name, result]) => readFigure(scenario, name, result, { limit, rate })),
      figure(scenario, 'dashboard p99', {
        value: board.api.p99,
        baseline: board.bare?.p99,
        target: { text: '< 250 ms', pass: board.api.p99 < 250 },
        note: `${board.api.n} requests one at a time, p50 ${board.api.p50?.toFixed(0)} ms, ${(board.api.bytes / 1e6).toFixed(1)} MB each; beside: a bare visibility count of the detained`,
      }),
      figure(scenario, 'worker RSS (peak)', {
        value: Math.max(memory.last.worker.peak, memory.max.worker),
        unit: 'bytes',
        target: { text: '< 1.5 GiB', pass: Math.max(memory.last.worker.peak, memory.max.worker) < 1.5 * GIB },
      }),
      figure(scenario, 'API RSS (peak)', { value: Math.max(memory.last.api.peak, memory.max.api), unit: 'bytes' }),
      figure(scenario, 'Temporal RSS (highest sampled)', { value: memory.max.temporal, unit: 'bytes' }),
      figure(scenario, 'PostgreSQL backends PSS (highest)', {
        value: memory.max.postgresPss,
        unit: 'bytes',
        note: `the backends of the bench database (${memory.last.postgres.backends} at the end; RSS, which counts the shared buffers each touched, up to ${(memory.max.postgresRss / 1024 ** 2).toFixed(0)} MiB); the database is ${(memory.last.postgres.databaseSize / 1024 ** 2).toFixed(0)} MiB on disk`,
      }),
    ],
    details: {
      server: temporal.kind,
      population,
      registration: { registeredMs, populatedMs, settleMs: settled.ms, cpuSeconds: populationCpu },
      reads,
      dashboard: board,
      memory: { afterPopulation: memoryAfterPopulation, ...memory },
    },
  };
}
