// Read models at a size no run can register through the API in minutes: a few hundred real detentions registered
// through the API (their workflows real, their first turns projected), then copied in SQL until the read models hold
// `seeded` detentions (see support/seed.mjs for what a copy is). The lists under a constant rate from autocannon, and
// the national dashboard one request at a time. No bare-Temporal figure stands beside these: the copies have no
// workflows, and bare Temporal would need as many executions to answer the same question.
import { memorySampler, startEnvironment } from '../support/environment.mjs';
import { register, waitUntilSettled } from '../support/intake.mjs';
import { dashboard, endpoints, loadPhases, readers, readFigure } from '../support/reads.mjs';
import { figure } from '../support/report.mjs';
import { seedCopies } from '../support/seed.mjs';

export const TITLE = 'seeded read models: lists and the dashboard over detentions copied in SQL';

const LISTS = ['list', 'inbox', 'readiness', 'list (national)'];

export async function run(ctx) {
  const { seeded, templates, rate, duration, concurrency } = ctx.options;
  const env = await startEnvironment(ctx, 'seeded');
  const { db, stack } = env;
  ctx.log(`registering ${templates} detentions through the API to copy from`);
  await register(stack, templates, { seed: 5, concurrency });
  await waitUntilSettled(stack, db, { expected: templates, log: ctx.log, settleMs: 1000 });
  const seed = await seedCopies(db.pg, seeded, { log: ctx.log });
  ctx.log(
    `read models: ${seed.detentions} detentions (${seed.detained} detained), ${seed.tasks} tasks, ${seed.requests} requests`,
  );

  const sampler = memorySampler(env);
  ctx.defer(() => sampler.stop());
  const who = await readers(stack, db);
  const all = endpoints(who);
  const reads = await loadPhases(ctx, env, {
    phases: Object.fromEntries(LISTS.map((name) => [name, all[name]])),
    rate,
    seconds: duration,
  });
  ctx.log('dashboard: GET /api/v1/dashboard as the national supervisor, one at a time');
  let board;
  let boardError;
  try {
    board = await dashboard(stack, who.supervisor, { samples: 5, budgetMs: 90_000 });
  } catch (error) {
    boardError = error.message.split('\n')[0];
    ctx.log(`dashboard failed: ${boardError}`);
  }
  const memory = await sampler.stop();

  const scenario = `seeded (${seed.detentions})`;
  const method = `${seed.originals} detentions registered through the API, copied ${seed.copies}× in SQL (no workflows for the copies)`;
  return {
    figures: [
      figure(scenario, 'detentions in the read models', {
        value: seed.detentions,
        unit: '',
        note: `${method}; ${seed.tasks} tasks, ${seed.requests} requests; copied and indexed in ${(seed.ms / 1000).toFixed(0)} s`,
      }),
      ...LISTS.map((name) => readFigure(scenario, name, reads[name], { limit: 100, rate })),
      board
        ? figure(scenario, 'dashboard p99', {
            value: board.api.p99,
            target: { text: '< 1000 ms', pass: board.api.p99 < 1000 },
            note: `${board.api.n} requests one at a time, p50 ${board.api.p50?.toFixed(0)} ms, ${(board.api.bytes / 1e6).toFixed(1)} MB each`,
          })
        : figure(scenario, 'dashboard p99', {
            value: 'error',
            target: { text: '< 1000 ms', pass: false },
            note: boardError,
          }),
      figure(scenario, 'API RSS (peak)', { value: Math.max(memory.last.api.peak, memory.max.api), unit: 'bytes' }),
    ],
    details: { seed, reads, dashboard: board ?? { error: boardError }, memory },
  };
}
