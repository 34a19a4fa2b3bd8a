// Intake burst: n registrations through `POST /api/v1/detentions` (real HTTP, a casemanager's token, the real
// transaction and workflow start) against n bare `workflow.start` calls, with the same number in flight, on the same
// dev server. Then how long until every workflow did its first turn — Terugkeer's first projection against the bare
// workflow's one activity — and the CPU time that took in each process. Judged on the scenarios' dev server
// (--temporal); repeated with fewer registrations on the others of --intake-servers (the SQLite file as `npm start`
// has it, that file with the WAL journal, in memory as the e2e tests have it) to show what the server does to both.
import { counter, startBareWorker } from '../support/bare.mjs';
import { cpuMeter, startEnvironment } from '../support/environment.mjs';
import { casemanagerTokens, register, waitUntilSettled } from '../support/intake.mjs';
import { burst, summarise } from '../support/measure.mjs';
import { figure, ratioAtLeast, ratioAtMost } from '../support/report.mjs';

export const TITLE = 'intake burst: POST /api/v1/detentions against bare workflow.start';

const WARM_UP = 20;

const total = (cpu) => Object.values(cpu).reduce((sum, s) => sum + s, 0);

async function onServer(ctx, server, n, judged) {
  const { concurrency } = ctx.options;
  const name = `intake-${server}`;
  const env = await startEnvironment(ctx, name, { server });
  const { temporal, db, stack } = env;
  let current = counter(0);
  const bare = await startBareWorker(temporal, { name, onActivity: () => current.tick() });
  ctx.defer(() => bare.stop());
  const tokens = await casemanagerTokens(stack);

  const bareBurst = async (count, label) => {
    current = counter(count);
    const began = performance.now();
    const result = await burst(count, concurrency, (i) => bare.start('bareIntakeWorkflow', `${label}-${i}`));
    await current.reached;
    return { ...result, firstTurnsMs: performance.now() - began };
  };

  // Not measured: the first workflows on a fresh server and in fresh processes are the slowest.
  ctx.log(`warm-up: ${WARM_UP} of each`);
  await bareBurst(WARM_UP, 'warm-up');
  await register(stack, WARM_UP, { seed: 9, concurrency, tokens });
  await waitUntilSettled(stack, db, { expected: WARM_UP, settleMs: 1000 });

  ctx.log(`bare: ${n} × workflow.start, ${concurrency} in flight`);
  let cpu = await cpuMeter(env);
  const bareRun = await bareBurst(n, 'bare');
  const bareCpu = await cpu();
  ctx.log(`Terugkeer: ${n} × POST /api/v1/detentions, ${concurrency} in flight`);
  cpu = await cpuMeter(env);
  const began = performance.now();
  const registered = await register(stack, n, { seed: 2, concurrency, tokens });
  await waitUntilSettled(stack, db, { expected: n + WARM_UP, log: ctx.log, settleMs: 1000 });
  const firstTurnsMs = performance.now() - began;
  const terugkeerCpu = await cpu();
  ctx.log(`CPU seconds — bare: ${JSON.stringify(bareCpu)}; Terugkeer: ${JSON.stringify(terugkeerCpu)}`);

  const b = summarise(bareRun.latencies, bareRun.elapsedMs);
  const t = summarise(registered.latencies, registered.elapsedMs);
  const scenario = judged ? 'intake' : `intake (${server})`;
  // The targets are judged on the scenarios' dev server (--temporal); the others are for comparison.
  const judge = (target) => (judged ? target : null);
  const perDetention = (cpu) => (total(cpu) / n) * 1000;
  const share = (cpu) =>
    Object.entries(cpu)
      .map(([part, s]) => `${part} ${((s / n) * 1000).toFixed(1)}`)
      .join(', ');
  return {
    figures: [
      figure(scenario, `throughput (${n} in a burst, ${concurrency} in flight)`, {
        value: t.throughput,
        baseline: b.throughput,
        unit: '/s',
        target: judge(ratioAtLeast(0.9)),
        note: judged ? 'registrations answered 201 per second, against bare workflow starts per second' : null,
      }),
      figure(scenario, 'p50 latency', { value: t.p50, baseline: b.p50 }),
      figure(scenario, 'p99 latency', { value: t.p99, baseline: b.p99, target: judge(ratioAtMost(1.3)) }),
      figure(scenario, 'all first turns done', {
        value: firstTurnsMs / 1000,
        baseline: bareRun.firstTurnsMs / 1000,
        unit: 's',
        note: judged
          ? 'from the first request until every workflow projected its first turn (Terugkeer) or ran its one activity (bare)'
          : null,
      }),
      figure(scenario, 'CPU per registration, all processes', {
        value: perDetention(terugkeerCpu),
        baseline: perDetention(bareCpu),
        unit: 'ms',
        note: `CPU ms per registration until its first turn was done — Terugkeer: ${share(terugkeerCpu)}; bare: ${share(bareCpu)} ('bench' is this process: the load, and on the bare side the bare worker)`,
      }),
    ],
    details: {
      server: temporal.kind,
      registrations: n,
      terugkeer: t,
      bare: b,
      firstTurnsMs,
      bareFirstTurnsMs: bareRun.firstTurnsMs,
      cpuSeconds: { terugkeer: terugkeerCpu, bare: bareCpu },
    },
  };
}

export async function run(ctx) {
  const { temporal, intakeServers, intake, intakeCompare } = ctx.options;
  const servers = [temporal, ...intakeServers.filter((s) => s !== temporal)];
  const figures = [];
  const details = {};
  for (const server of servers) {
    const judged = server === temporal;
    const n = judged ? intake : Math.min(intake, intakeCompare);
    const result = await ctx.scope((scoped) => onServer(scoped, server, n, judged));
    figures.push(...result.figures);
    details[server] = result.details;
  }
  return { figures, details };
}
