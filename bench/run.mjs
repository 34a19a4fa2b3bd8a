// `npm run bench`: Terugkeer measured beside bare Temporal on the same Temporal server, scenario by scenario, with
// the targets of issue 11 judged PASS or FAIL. Prints a table and writes JSON under bench-results/ (ignored).
// Sizes are the full ones unless flags (or BENCH_* variables) say otherwise; `--small` is a quick check.
// See bench/README.md for the scenarios, the flags and how each figure is obtained.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './support/paths.mjs';
import { stopAll, stopOnSignals, wasInterrupted } from './support/processes.mjs';
import { figure, printTable, writeJson } from './support/report.mjs';

const SCENARIOS = ['intake', 'tasks', 'national', 'seeded', 'storm'];

const FULL = {
  intake: 1000,
  intakeCompare: 200,
  tasks: 200,
  detentions: 30_000,
  seeded: 300_000,
  templates: 500,
  timers: 1000,
  duration: 20,
};
const SMALL = {
  intake: 200,
  intakeCompare: 100,
  tasks: 50,
  detentions: 200,
  seeded: 5000,
  templates: 100,
  timers: 50,
  duration: 10,
};

const HELP = `npm run bench [-- flags]

  --only <list>        scenarios to run, comma-separated: ${SCENARIOS.join(', ')} (default: all)
  --small              small sizes, for a quick check: ${Object.entries(SMALL)
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${v}`)
    .join(', ')}
  --intake <n>         registrations in the intake burst (default ${FULL.intake})
  --concurrency <n>    requests in flight during bursts and registrations (default 32)
  --tasks <n>          task completions in the task round trip (default ${FULL.tasks})
  --detentions <n>     open detentions of the national scale (default ${FULL.detentions}; BENCH_DETENTIONS)
  --seeded <n>         detentions in the read models of the seeded scenario (default ${FULL.seeded}; BENCH_SEEDED)
  --templates <n>      real detentions the seeded rows are copied from (default ${FULL.templates})
  --timers <n>         steps due at the same moment in the timer storm (default ${FULL.timers}; BENCH_TIMERS)
  --rate <n>           requests per second of each load phase (default 200)
  --duration <s>       seconds of each load phase (default ${FULL.duration})
  --temporal <server>  the dev server of every scenario (but the storm's): memory (as the e2e tests; default),
                       file (a SQLite file, as npm start: WAL, synchronous=normal), rollback (that file with
                       SQLite's rollback journal, as npm start before) or wal-full (the WAL, each commit synced)
  --intake-servers <l> dev servers the intake burst runs on besides, for comparison (default file,rollback,memory)
  --intake-compare <n> registrations on each of those (default ${FULL.intakeCompare})
  --log-level <level>  LOG_LEVEL of the worker and the API (default info, as production)
  --keep               keep the databases (for a look afterwards)
  --out <dir>          results folder (default bench-results)`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      small: { type: 'boolean', default: false },
      intake: { type: 'string' },
      concurrency: { type: 'string', default: '32' },
      tasks: { type: 'string' },
      detentions: { type: 'string', default: process.env.BENCH_DETENTIONS },
      seeded: { type: 'string', default: process.env.BENCH_SEEDED },
      templates: { type: 'string' },
      timers: { type: 'string', default: process.env.BENCH_TIMERS },
      rate: { type: 'string', default: '200' },
      duration: { type: 'string' },
      temporal: { type: 'string', default: 'memory' },
      'intake-servers': { type: 'string', default: 'file,rollback,memory' },
      'intake-compare': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench-results' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const sizes = values.small ? SMALL : FULL;
  const count = (name, flag = values[name]) => {
    const value = flag === undefined ? sizes[name] : Number(flag);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive whole number, not '${flag}'`);
    return value;
  };
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : SCENARIOS;
  const unknown = only.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}: choose from ${SCENARIOS.join(', ')}`);
  const servers = ['file', 'rollback', 'wal-full', 'memory'];
  const intakeServers = values['intake-servers']
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const server of [values.temporal, ...intakeServers]) {
    if (!servers.includes(server)) throw new Error(`no dev server '${server}': choose ${servers.join(', ')}`);
  }
  return {
    only,
    small: values.small,
    intake: count('intake'),
    intakeCompare: count('intakeCompare', values['intake-compare']),
    concurrency: count('concurrency'),
    tasks: count('tasks'),
    detentions: count('detentions'),
    seeded: count('seeded'),
    templates: count('templates'),
    timers: count('timers'),
    rate: count('rate'),
    duration: count('duration'),
    temporal: values.temporal,
    intakeServers,
    logLevel: values['log-level'],
    keep: values.keep,
    out: path.resolve(ROOT, values.out),
  };
}

async function main() {
  let options;
  try {
    options = parseOptions();
  } catch (error) {
    console.error(`${error.message}\n\n${HELP}`);
    process.exit(2);
  }
  const { build } = await import(path.join(ROOT, 'scripts/build.mjs'));
  await build({ quiet: true });

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(options.out, stamp);
  mkdirSync(dir, { recursive: true });
  const pending = [];
  stopOnSignals(async () => {
    for (const fn of pending.reverse()) await fn().catch(() => undefined);
  });

  const run = {
    startedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memory: os.totalmem(), node: process.version },
    options: { ...options, out: path.relative(ROOT, options.out) },
    scenarios: {},
    figures: [],
  };
  const began = Date.now();
  for (const name of options.only) {
    const started = Date.now();
    const log = (message) =>
      console.log(`[${name} ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
    const ctx = { options, dir, log };
    /** Runs `fn(ctx)`; what it defers (stopping processes, dropping databases) is undone when it ends, newest first. */
    ctx.scope = async (fn) => {
      const deferred = [];
      const scoped = {
        ...ctx,
        defer: (undo) => {
          deferred.push(undo);
          pending.push(undo);
        },
      };
      try {
        return await fn(scoped);
      } finally {
        for (const undo of deferred.reverse()) {
          await undo().catch((error) => console.error(`[${name}] teardown: ${error.message}`));
          pending.splice(pending.indexOf(undo), 1);
        }
      }
    };
    const scenario = await import(`./scenarios/${name}.mjs`);
    log(scenario.TITLE);
    try {
      const result = await ctx.scope((scoped) => scenario.run(scoped));
      run.figures.push(...result.figures);
      run.scenarios[name] = { ...result.details, seconds: Math.round((Date.now() - started) / 1000) };
    } catch (error) {
      // Stopped by Ctrl-C: the signal handler tears down and exits; nothing here is a result.
      if (wasInterrupted()) await new Promise(() => undefined);
      console.error(`[${name}] failed: ${error.stack ?? error.message}`);
      const note = error.message.split('\n')[0];
      run.figures.push(figure(name, 'ran to the end', { value: 'error', target: { text: 'runs', pass: false }, note }));
      run.scenarios[name] = { error: error.message, seconds: Math.round((Date.now() - started) / 1000) };
    }
    log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  await stopAll();
  run.seconds = Math.round((Date.now() - began) / 1000);

  console.log('');
  printTable(run.figures);
  const file = writeJson(options.out, dir, run);
  console.log(`\n${run.seconds} s in all; results: ${path.relative(process.cwd(), file)} (logs next to it)`);
  const failed = Object.values(run.scenarios).some((s) => s.error);
  process.exit(failed ? 1 : 0);
}

await main();
