// Timer storm: n detentions with a step due at the same instant, and how long until every one is actioned and
// projected, beside n bare workflows whose timers fire at one instant and run one activity.
//
// Method. Every step fires at 06:00 Amsterdam time on its date, so on a dev server, whose clock is the wall clock,
// the instant of a storm can only be a 06:00 that is days away. The time-skipping test server (the one the workflow
// tests use) runs at wall-clock speed too, but its clock can be moved on: every timer in between fires, as if that
// much time had passed. So this scenario runs on the test server, with the real worker, API and PostgreSQL:
//   1. n detentions are registered through the API, all with the same dates: intake yesterday, expected release
//      42 days after the next working day D, a need of care with consent to share it. Their care-continuity request
//      (R−6w) is then due at D 06:00 — the first moment any of their workflows waits for (checked in the read models:
//      that step is planned at that instant for every one of them, nothing earlier).
//   2. n bare workflows sleep until an hour before D 06:00; the clock is moved to that moment and the time until
//      all n ran their activity is the baseline.
//   3. The clock is moved to D 06:00: the time until every care-continuity request is in the read models, and its
//      step no longer planned, is the figure.
import { createRequire } from 'node:module';
import { counter, startBareWorker } from '../support/bare.mjs';
import { memorySampler, startEnvironment } from '../support/environment.mjs';
import { register, waitUntilSettled } from '../support/intake.mjs';
import { sleep } from '../support/measure.mjs';
import { dist } from '../support/paths.mjs';
import { figure } from '../support/report.mjs';

const require = createRequire(import.meta.url);
const { addDays, amsterdamDate, amsterdamInstant, isWorkingDay, DEFAULT_PLAYBOOK } = require(
  dist('libs/domain/src/index.js'),
);

export const TITLE = 'timer storm: steps due at one instant, on the time-skipping test server';

const STEP = 'care-continuity';
const HOUR = 3_600_000;
const GIB = 1024 ** 3;

/** The dates that put every detention's first wait at D 06:00, D the next working day. */
function stormDates(now) {
  const today = amsterdamDate(now);
  let due = addDays(today, 1);
  while (!isWorkingDay(due)) due = addDays(due, 1);
  return {
    due,
    fireAt: amsterdamInstant(due, DEFAULT_PLAYBOOK.fireAtLocalTime),
    overrides: {
      intakeDate: addDays(today, -1),
      expectedReleaseDate: addDays(due, 42),
      needs: { id: false, housing: false, income: false, debts: false, care: true, bankAccount: false, digid: false },
      consent: { care: true },
      idDocumentExpiry: addDays(today, 3650),
    },
  };
}

/** Polls until `done()` reaches `n`; answers when half, 99 % and all of them were reached (ms after `t0`). */
async function timeUntilAll(n, done, t0, { timeoutMs = 600_000, guard = (p) => p } = {}) {
  const marks = {};
  for (;;) {
    const count = await guard(done());
    const ms = performance.now() - t0;
    if (count >= n / 2) marks.half ??= ms;
    if (count >= n * 0.99) marks.p99 ??= ms;
    if (count >= n) return { ...marks, all: ms };
    if (ms > timeoutMs) throw new Error(`only ${count} of ${n} done ${Math.round(timeoutMs / 1000)} s after the storm`);
    await sleep(50);
  }
}

export async function run(ctx) {
  const { timers: n, concurrency } = ctx.options;
  const env = await startEnvironment(ctx, 'storm', { server: 'time-skipping' });
  const { temporal, db, stack } = env;
  const { due, fireAt, overrides } = stormDates(await temporal.now());
  ctx.log(
    `registering ${n} detentions whose ${STEP} step is due at ${new Date(fireAt).toISOString()} (${due} 06:00 Amsterdam)`,
  );
  await register(stack, n, { seed: 6, overrides, concurrency });
  await waitUntilSettled(stack, db, { expected: n, log: ctx.log, settleMs: 1000 });

  // Every detention waits for that step at that instant, and for nothing before it.
  const { rows } = await db.pg.query(
    `SELECT count(*) FILTER (WHERE instance_id = $1 AND state = 'planned' AND fire_at = $2)::int AS due,
            count(*) FILTER (WHERE state = 'planned' AND fire_at <= $2 AND instance_id <> $1)::int AS earlier,
            (SELECT min(due_date) FROM tasks WHERE status = 'open')::text AS "firstTaskDue"
       FROM detention_steps`,
    [STEP, new Date(fireAt)],
  );
  const check = rows[0];
  if (check.due !== n || check.earlier > 0 || (check.firstTaskDue && check.firstTaskDue < due)) {
    throw new Error(
      `the storm is not set up: ${check.due} of ${n} detentions have ${STEP} planned at ${new Date(fireAt).toISOString()}, ` +
        `${check.earlier} steps are planned at or before it, the first open task is due ${check.firstTaskDue}`,
    );
  }

  let current = counter(0);
  const bare = await startBareWorker(temporal, { name: 'storm', onActivity: () => current.tick() });
  ctx.defer(() => bare.stop());
  const bareAt = fireAt - HOUR;
  ctx.log(`starting ${n} bare workflows that sleep until ${new Date(bareAt).toISOString()}`);
  for (let i = 0; i < n; i++) await bare.start('bareTimerWorkflow', `bare-timer-${i}-${bare.taskQueue}`, [bareAt]);
  await sleep(1000);
  if (current.count() > 0) throw new Error('the test server moved its clock by itself: timers fired before the storm');

  const seqs = async () => Number((await db.pg.query('SELECT sum(projected_seq) AS s FROM detentions')).rows[0].s);
  const seqsBefore = await seqs();
  const sampler = memorySampler(env, 500);
  ctx.defer(() => sampler.stop());

  ctx.log(`bare storm: moving the clock to ${new Date(bareAt).toISOString()}`);
  current = counter(n);
  // The clock moves to just past the instant; the counting runs meanwhile (the move answers once it got there).
  let skipBy = bareAt + 1 - (await temporal.now());
  let t0 = performance.now();
  let skipping = temporal.skip(skipBy);
  const bareTimes = await timeUntilAll(n, async () => current.count(), t0);
  await skipping;
  // Nothing of Terugkeer may have woken in that hour: its storm comes next.
  const woke = (await seqs()) !== seqsBefore;

  ctx.log(`Terugkeer storm: moving the clock to ${new Date(fireAt).toISOString()}`);
  const actioned = async () =>
    (
      await db.pg.query(
        `SELECT count(*)::int AS n FROM detention_steps s
          WHERE s.instance_id = $1 AND s.state <> 'planned'
            AND EXISTS (SELECT 1 FROM requests r WHERE r.detention_id = s.detention_id AND r.type = $1)`,
        [STEP],
      )
    ).rows[0].n;
  skipBy = fireAt + 1 - (await temporal.now());
  t0 = performance.now();
  skipping = temporal.skip(skipBy);
  const times = await timeUntilAll(n, actioned, t0, { guard: stack.guard });
  await skipping;
  const memory = await sampler.stop();

  const scenario = `storm (${n})`;
  const worker = Math.max(memory.last.worker.peak, memory.max.worker);
  return {
    figures: [
      figure(scenario, 'all actioned and projected', {
        value: times.all / 1000,
        baseline: bareTimes.all / 1000,
        unit: 's',
        target: { text: '≤ 60 s', pass: times.all <= 60_000 },
        note:
          `${n} care-continuity requests due at one instant (${due} 06:00 Amsterdam) on the time-skipping test server, its clock moved there; ` +
          `time until every request is in the read models; beside: ${n} bare timers at one instant, each running one activity` +
          (woke ? '; WARNING: some Terugkeer workflows woke during the bare storm' : ''),
      }),
      figure(scenario, 'half actioned and projected', {
        value: times.half / 1000,
        baseline: bareTimes.half / 1000,
        unit: 's',
      }),
      figure(scenario, 'worker RSS (peak)', {
        value: worker,
        unit: 'bytes',
        target: { text: '< 1.5 GiB', pass: worker < 1.5 * GIB },
      }),
    ],
    details: {
      server: temporal.kind,
      due,
      fireAt: new Date(fireAt).toISOString(),
      times,
      bareTimes,
      check,
      memory,
      wokeEarly: woke,
    },
  };
}
