// `npm start`: the whole Terugkeer stack with one command, on a fresh clone.
//   1. installs npm dependencies when missing, compiles, bundles the workflows
//   2. Temporal: TEMPORAL_ADDRESS when set, otherwise `temporal server start-dev` on a SQLite file (Web UI on)
//   3. PostgreSQL: DATABASE_URL when set, otherwise an embedded PostgreSQL under the data folder
//   4. e-mail: SMTP_URL when set, otherwise a local SMTP catcher with a web inbox (maildev)
//   5. applies migrations, then runs the worker and the API, and prints the URLs
// Everything it started is stopped on Ctrl-C (SIGINT) or SIGTERM; data survives restarts. Each start-up lives in
// scripts/lib/start-*.mjs; what was started, and how it stops, in scripts/lib/supervisor.mjs.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from './build.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { applyMigrations, servicesEnv, startWorkerAndApi } from './lib/start-apps.mjs';
import { ensurePortsFree, startConfig } from './lib/start-config.mjs';
import { startDemoPartners } from './lib/start-demo.mjs';
import { startMailCatcher } from './lib/start-mail.mjs';
import { startPostgres } from './lib/start-postgres.mjs';
import { startTemporal } from './lib/start-temporal.mjs';
import { StartError, isStopping, shutdown, stopOnSignals } from './lib/supervisor.mjs';
import { bold, dim, green, red } from './lib/util.mjs';

const config = startConfig();
stopOnSignals();

async function main() {
  console.log(bold('Terugkeer') + dim(' — re-integration process orchestrator'));
  await ensurePortsFree(config);
  await ensureDependencies();
  await build();
  mkdirSync(config.dataDir, { recursive: true });

  const temporal = await startTemporal(config);
  const postgres = await startPostgres(config);
  const mail = await startMailCatcher(config);
  const childEnv = servicesEnv(config, { temporal, databaseUrl: postgres.url, mail });

  await applyMigrations(childEnv);
  const health = await startWorkerAndApi(config, childEnv);
  if (isStopping()) return;

  let demo;
  if (config.demo)
    demo = await startDemoPartners(config, childEnv).catch((error) => {
      console.error(`${red('✖')} the demo partners did not start: ${error.message}`);
      return shutdown(1);
    });
  if (isStopping()) return;

  printRunning({ health, temporal, postgres, mail, demo });
}

function printRunning({ health, temporal, postgres, mail, demo }) {
  const base = `http://localhost:${config.port}`;
  const line = (label, value) => console.log(`  ${label.padEnd(12)} ${value}`);
  console.log(`\n${green('✔')} ${bold('Terugkeer is running')}`);
  line('Web UI', `${base}/`);
  line('API', `${base}/api/v1`);
  line('OpenAPI', `${base}/api/docs`);
  line('Health', health);
  if (temporal.ui) line('Temporal UI', temporal.ui);
  if (mail.inbox) line('Mail inbox', `${mail.inbox} (the e-mail Terugkeer sends, caught here)`);
  if (demo) line('Partner sim', `${demo.url} (${demo.simulated} simulated partners, ${demo.partners} registered)`);
  if (demo) line('Demo cases', `${demo.detentions.seeded} registered now, ${demo.detentions.present} there already`);
  const data = path.relative(process.cwd(), config.dataDir) || '.';
  // As root, where the `postgres` user cannot reach the data folder, its cluster lives elsewhere (start-postgres.mjs).
  const { clusterDir } = postgres;
  const outside = clusterDir && path.relative(config.dataDir, clusterDir).startsWith('..');
  line(
    'Data',
    outside ? `${data}; PostgreSQL's cluster in ${clusterDir} (the postgres user cannot reach ${data})` : data,
  );
  line('Token', 'npm run token -- --role casemanager --org PI-ALMELO');
  console.log(dim('\n  Ctrl-C stops everything; data is kept for the next start.\n'));
}

main().catch((error) => {
  console.error(`\n${red('✖')} ${error instanceof StartError ? error.message : (error.stack ?? error)}\n`);
  void shutdown(1);
});
