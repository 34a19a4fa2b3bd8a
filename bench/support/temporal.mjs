// The Temporal servers a benchmark runs on: the dev server as `npm start` runs it (`temporal server start-dev` on a
// SQLite file, with its pragmas) or with others, or the time-skipping test server the workflow tests use. Each with
// the detention search attributes registered, a client and a native connection (for bare workers) on it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { dist, ROOT } from './paths.mjs';
import { processTree, startProcess, unlessDied } from './processes.mjs';

const require = createRequire(import.meta.url);
const { Client, Connection } = require('@temporalio/client');
const { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime } = require('@temporalio/worker');
const { provisionTemporal } = await import(path.join(ROOT, 'scripts/provision-temporal.mjs'));
const { freePort } = await import(path.join(ROOT, 'scripts/lib/util.mjs'));
const { SQLITE_PRAGMAS, sqlitePragmaFlags } = await import(path.join(ROOT, 'scripts/lib/temporal-sqlite.mjs'));

const READY_WITHIN_MS = 60_000;

// The SDK in this process (bare workers, clients) says only what goes wrong; before anything touches the runtime.
Runtime.install({
  logger: new DefaultLogger('WARN'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
});

async function binary(kind) {
  const located = (await provisionTemporal([kind]))[kind];
  if (!located.path) {
    const variable = kind === 'cli' ? 'TEMPORAL_CLI_PATH' : 'TEMPORAL_TEST_SERVER_PATH';
    throw new Error(
      `no Temporal ${kind === 'cli' ? 'CLI' : 'test server'} binary: run \`npm run provision\` or set ${variable}`,
    );
  }
  return located.path;
}

async function connectWhenReady(address, proc, { testService = false } = {}) {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    try {
      const options = { address, connectTimeout: 1_000 };
      // The SDK's switch for the time-skipping TestService on a connection (what TestWorkflowEnvironment sets).
      if (testService) {
        const { InternalConnectionOptionsSymbol } = require('@temporalio/client/lib/connection');
        options[InternalConnectionOptionsSymbol] = { supportsTestService: true };
      }
      const connection = await unlessDied(Connection.connect(options), [proc]);
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (error) {
      if (error?.constructor?.name === 'ProcessDiedError' || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function clientsFor(address, connection) {
  const nativeConnection = await NativeConnection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  return { nativeConnection, client };
}

/**
 * The dev servers a scenario can run on, by the name the flags use: `file` as scripts/start.mjs runs it (a SQLite
 * file with its pragmas, scripts/lib/temporal-sqlite.mjs), `rollback` that file with SQLite's default rollback
 * journal (as `npm start` ran it before), `wal-full` with the WAL but each commit synced (SQLite's default
 * synchronous=full), `memory` as test/support/dev-server.ts runs it (SQLite in memory).
 */
const SERVERS = {
  file: { kind: `dev server on a SQLite file (as npm start: ${SQLITE_PRAGMAS.join(', ')})`, pragmas: SQLITE_PRAGMAS },
  rollback: { kind: 'dev server on a SQLite file, rollback journal', pragmas: [] },
  'wal-full': {
    kind: 'dev server on a SQLite file, journal_mode=wal, synchronous=full',
    pragmas: ['journal_mode=wal'],
  },
  memory: { kind: 'dev server in memory (as the e2e tests)' },
};
export const DEV_SERVERS = Object.fromEntries(Object.entries(SERVERS).map(([name, { kind }]) => [name, kind]));

/** `temporal server start-dev`, the search attributes registered, no UI, as `mode` (one of DEV_SERVERS) says. */
export async function startDevServer({ dir, mode = 'file', name = 'temporal' }) {
  if (!SERVERS[mode]) throw new Error(`no dev server '${mode}': choose ${Object.keys(SERVERS).join(', ')}`);
  const { searchAttributeFlags } = require(dist('libs/contracts/src/search-attributes.js'));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless'];
  const { pragmas } = SERVERS[mode];
  if (pragmas) args.push('--db-filename', path.join(dir, `${name}.db`), ...sqlitePragmaFlags(pragmas));
  args.push('--log-level', 'warn', ...searchAttributeFlags());
  const proc = startProcess(`Temporal dev server (${name})`, await binary('cli'), args, {
    logFile: path.join(dir, `${name}.log`),
  });
  const connection = await connectWhenReady(address, proc);
  const { nativeConnection, client } = await clientsFor(address, connection);
  return {
    kind: DEV_SERVERS[mode],
    address,
    proc,
    client,
    connection,
    nativeConnection,
    /** The server's memory: the CLI and anything it runs, in bytes. */
    pids: () => processTree(proc.pid),
    stop: async () => {
      await nativeConnection.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await proc.stop();
    },
  };
}

/**
 * The time-skipping test server (the Java test server the workflow tests run on), in memory. Its clock runs at
 * wall-clock speed until `skip(ms)` moves it on: every timer that falls in between fires.
 */
export async function startTimeSkippingServer({ dir }) {
  const { searchAttributeRegistrations } = require(dist('libs/contracts/src/search-attributes.js'));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const proc = startProcess('Temporal test server', await binary('testServer'), [String(port)], {
    logFile: path.join(dir, 'temporal-test-server.log'),
  });
  const connection = await connectWhenReady(address, proc, { testService: true });
  await connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: searchAttributeRegistrations(),
  });
  const { nativeConnection, client } = await clientsFor(address, connection);
  const { msToTs, tsToMs } = require('@temporalio/common/lib/time');
  return {
    kind: 'time-skipping test server',
    address,
    proc,
    client,
    connection,
    nativeConnection,
    pids: () => processTree(proc.pid),
    /** The server's clock, in ms since the epoch. */
    now: async () => tsToMs((await connection.testService.getCurrentTime({})).time),
    /** Moves the server's clock on by `ms` (firing the timers in between); resolves when it got there. */
    skip: (ms) => connection.testService.unlockTimeSkippingWithSleep({ duration: msToTs(ms) }),
    stop: async () => {
      await nativeConnection.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await proc.stop();
    },
  };
}
