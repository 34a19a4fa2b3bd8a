// Task round trip: a casemanager completes a task through the API (`POST /api/v1/tasks/:id/complete`: validation,
// the Update to the detention's workflow, its projection) and reads it back until the read model shows it done,
// against a bare Update round trip (`executeUpdate` on a bare workflow whose handler changes its state and answers).
// One at a time on both sides: the latency of a person's click, not a throughput. The suspension of the health
// insurance is the judged task (the workflow records it; nothing fans out); the screening, which sends the requests
// the person needs, is shown beside it.
import { startBareWorker } from '../support/bare.mjs';
import { startEnvironment } from '../support/environment.mjs';
import { call } from '../support/http.mjs';
import { register, waitUntilSettled } from '../support/intake.mjs';
import { burst, eventually, summarise } from '../support/measure.mjs';
import { figure, ratioAtMost } from '../support/report.mjs';
import { createRequire } from 'node:module';
import { dist } from '../support/paths.mjs';

const require = createRequire(import.meta.url);
const { addDays, amsterdamDate, onOrBeforeWorkingDay } = require(dist('libs/domain/src/index.js'));

export const TITLE = 'task round trip: complete through the API until the read model shows it, against a bare Update';

const WARM_UP = 10;
const CONDITIONS = ['id', 'housing', 'income', 'debts', 'care'];

/** What a casemanager fills in for each task type. */
const COMPLETION = {
  'insurance-suspension': () => ({ outcome: 'suspended', data: { note: 'suspended with the insurer' } }),
  screening: (needs) => ({
    outcome: 'completed',
    data: {
      needs,
      consent: Object.fromEntries(CONDITIONS.map((c) => [c, true])),
      conditions: Object.fromEntries(CONDITIONS.map((c) => [c, needs[c] ? 'attention' : 'ok'])),
      idDocumentExpiry: null,
    },
  }),
};

export async function run(ctx) {
  const { tasks: k } = ctx.options;
  const env = await startEnvironment(ctx, 'tasks');
  const { temporal, db, stack } = env;
  const bare = await startBareWorker(temporal, { name: 'tasks' });
  ctx.defer(() => bare.stop());

  // Detentions registered yesterday (or the working day before), released in four months: the intake tasks are open.
  const today = amsterdamDate(Date.now());
  const overrides = { intakeDate: onOrBeforeWorkingDay(addDays(today, -1)), expectedReleaseDate: addDays(today, 120) };
  const n = k + WARM_UP;
  ctx.log(`registering ${n} detentions and starting ${n} bare workflows`);
  await register(stack, n, { seed: 3, overrides, concurrency: ctx.options.concurrency });
  await waitUntilSettled(stack, db, { expected: n, log: ctx.log, settleMs: 1000 });
  const handles = [];
  for (let i = 0; i < n; i++) handles.push(await bare.start('bareCaseWorkflow', `bare-case-${i}-${bare.taskQueue}`));
  const open = async (type) => {
    const { rows } = await db.pg.query(
      `SELECT t.id, d.prison, d.needs FROM tasks t JOIN detentions d ON d.id = t.detention_id
        WHERE t.type = $1 AND t.status = 'open' ORDER BY t.created_at`,
      [type],
    );
    if (rows.length < n) throw new Error(`only ${rows.length} open ${type} tasks of ${n} detentions`);
    return rows;
  };
  const tokens = new Map();
  const tokenOf = async (prison) => {
    if (!tokens.has(prison)) tokens.set(prison, await stack.token('casemanager', prison, `casemanager-${prison}`));
    return tokens.get(prison);
  };

  /** Completes a task and reads it until it shows done; answers the time of the POST alone too. */
  const roundTrip = async (task, type, posts) => {
    const token = await tokenOf(task.prison);
    const t0 = performance.now();
    await call(stack.apiUrl, 'POST', `/api/v1/tasks/${task.id}/complete`, {
      token,
      body: COMPLETION[type](task.needs),
    });
    posts.push(performance.now() - t0);
    await eventually(
      `task ${task.id} shown done`,
      async () => (await call(stack.apiUrl, 'GET', `/api/v1/tasks/${task.id}`, { token })).status === 'done',
      { intervalMs: 0, timeoutMs: 30_000 },
    );
  };
  const bareUpdate = (i) =>
    handles[i].executeUpdate('complete', { args: [{ taskId: `task-${i}`, outcome: 'suspended' }] });

  const results = {};
  for (const type of ['insurance-suspension', 'screening']) {
    const tasks = await open(type);
    ctx.log(`${type}: warm-up ${WARM_UP}, then ${k} completions one at a time, and ${k} bare Updates`);
    const posts = [];
    await stack.guard(burst(WARM_UP, 1, (i) => roundTrip(tasks[i], type, [])));
    await burst(WARM_UP, 1, bareUpdate);
    const terugkeer = await stack.guard(burst(k, 1, (i) => roundTrip(tasks[WARM_UP + i], type, posts)));
    const bareRun = await burst(k, 1, (i) => bareUpdate(WARM_UP + i));
    results[type] = {
      roundTrip: summarise(terugkeer.latencies, terugkeer.elapsedMs),
      post: summarise(posts, terugkeer.elapsedMs),
      bare: summarise(bareRun.latencies, bareRun.elapsedMs),
    };
  }

  const judged = results['insurance-suspension'];
  const screening = results.screening;
  return {
    figures: [
      figure('tasks', `p50 round trip (${k}, one at a time)`, {
        value: judged.roundTrip.p50,
        baseline: judged.bare.p50,
      }),
      figure('tasks', 'p99 round trip', {
        value: judged.roundTrip.p99,
        baseline: judged.bare.p99,
        target: ratioAtMost(1.5),
        note: 'insurance-suspension completed via the API, read back until done, against a bare executeUpdate',
      }),
      figure('tasks', 'p99 of the POST alone', { value: judged.post.p99, baseline: judged.bare.p99 }),
      figure('tasks', 'p99 round trip, screening', {
        value: screening.roundTrip.p99,
        baseline: screening.bare.p99,
        note: 'the screening: its Update also plans and sends the requests the person needs (not judged)',
      }),
    ],
    details: { server: temporal.kind, completions: k, results },
  };
}
