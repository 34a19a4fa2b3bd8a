// Temporal for `npm start`: TEMPORAL_ADDRESS when set, otherwise `temporal server start-dev` on a SQLite file in
// the data folder (in WAL mode: temporal-sqlite.mjs; Web UI on), or — without a CLI binary — the same dev server through the SDK's download.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { executableOption, provisionTemporal } from '../provision-temporal.mjs';
import { StartError, adopt, track } from './supervisor.mjs';
import { sqlitePragmaFlags } from './temporal-sqlite.mjs';
import { ROOT, dim, portAnswers, step, waitFor } from './util.mjs';

/** `host:port` (or `[v6]:port`) of TEMPORAL_ADDRESS; Temporal's frontend port 7233 when it names none. */
function hostAndPort(address) {
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(address.trim());
  if (!match) throw new StartError(`TEMPORAL_ADDRESS must be host:port, not '${address}'.`);
  return { host: match[1] ?? match[2], port: Number(match[3] ?? 7233) };
}

/** Resolves `{ address, ui }`: where the worker and the API find Temporal, and its Web UI when we run it. */
export async function startTemporal({ env, dataDir, port, temporalDevPort, temporalUiPort, namespace }) {
  if (env.TEMPORAL_ADDRESS) {
    const { host, port: frontend } = hostAndPort(env.TEMPORAL_ADDRESS);
    if (!(await portAnswers(frontend, host, 3000)))
      throw new StartError(
        `Temporal at ${env.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS) does not answer.\n` +
          `  Start it, fix the address, or unset TEMPORAL_ADDRESS to let \`npm start\` run a Temporal dev server.`,
      );
    step(`using the Temporal cluster at ${env.TEMPORAL_ADDRESS}`);
    return { address: env.TEMPORAL_ADDRESS, ui: undefined };
  }
  const address = `127.0.0.1:${temporalDevPort}`;
  if (await portAnswers(temporalDevPort)) {
    throw new StartError(
      `Port ${temporalDevPort} is already in use, so the Temporal dev server cannot start.\n` +
        `  Stop what holds it (maybe an earlier \`npm start\` or \`temporal server start-dev\`), choose another\n` +
        `  port with TEMPORAL_DEV_PORT, or use that server with TEMPORAL_ADDRESS=${address}.`,
    );
  }
  const { cli } = await provisionTemporal(['cli']);
  const { searchAttributeFlags } = await import(
    pathToFileURL(path.join(ROOT, 'dist/libs/contracts/src/search-attributes.js')).href
  );
  mkdirSync(path.join(dataDir, 'temporal'), { recursive: true });
  const dbFile = path.join(dataDir, 'temporal', 'temporal.db');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(temporalDevPort),
    '--ui-port',
    String(temporalUiPort),
    '--db-filename',
    dbFile,
    ...sqlitePragmaFlags(),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
    '--ui-disable-news-fetch',
    '--ui-codec-endpoint',
    `http://localhost:${port}/codec`,
    ...searchAttributeFlags(),
  ];
  if (cli.path) {
    step(`starting the Temporal dev server (${dim(path.relative(ROOT, dbFile))})`);
    const log = createWriteStream(path.join(dataDir, 'temporal', 'temporal.log'), { flags: 'a' });
    const child = track('Temporal dev server', spawn(cli.path, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  } else {
    // Last resort: the SDK downloads the CLI (needs internet) and runs the same dev server in-process.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    step('starting the Temporal dev server through the SDK download (needs internet access)');
    const devEnv = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: executableOption(cli),
        ip: '127.0.0.1',
        port: temporalDevPort,
        uiPort: temporalUiPort,
        dbFilename: dbFile,
        namespace,
        extraArgs: [
          ...sqlitePragmaFlags(),
          '--log-level',
          'warn',
          '--ui-codec-endpoint',
          `http://localhost:${port}/codec`,
          ...searchAttributeFlags(),
        ],
      },
    });
    adopt('Temporal dev server', sdkServerHandle(devEnv));
  }
  await waitFor('The Temporal dev server', () => portAnswers(temporalDevPort), { timeoutMs: 60_000 });
  return { address, ui: `http://localhost:${temporalUiPort}` };
}

/** Lets the shutdown loop stop an SDK-managed dev server like a child process. */
function sdkServerHandle(devEnv) {
  const listeners = [];
  return {
    once: (_event, listener) => listeners.push(listener),
    kill: () => void devEnv.teardown().finally(() => listeners.forEach((l) => l())),
  };
}
