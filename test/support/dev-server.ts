import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES, searchAttributeFlags } from '@terugkeer/contracts';
import { spawn } from 'node:child_process';
import { freePort } from './ports';
import { devServer, startingServer } from './test-env';

const READY_WITHIN_MS = 60_000;

/**
 * A Temporal dev server (in memory; no UI unless `uiPort` is given) for one e2e suite, with the search attributes registered. Started by
 * us rather than by the SDK: the SDK gives it 5 s to come up, which two busy cores starting four suites at once
 * exceed; here it gets a minute. Without a provisioned CLI binary, the SDK's own (downloading) start is used.
 */
export async function localTemporal(options: { uiPort?: number } = {}): Promise<TestWorkflowEnvironment> {
  const { executable } = devServer();
  if (executable?.type !== 'existing-path') {
    if (options.uiPort) throw new Error('the Temporal UI needs the provisioned CLI (npm run provision)');
    return startingServer(() =>
      TestWorkflowEnvironment.createLocal({ server: devServer({ searchAttributes: [...SEARCH_ATTRIBUTES] }) }),
    );
  }
  const { address, child, exited } = await spawnDevServer(executable.path, {
    port: await freePort(),
    uiPort: options.uiPort,
  });
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address });
  const teardown = env.teardown.bind(env);
  return Object.assign(env, {
    teardown: async () => {
      await teardown();
      child.kill('SIGTERM');
      await exited;
    },
  });
}

/**
 * The provisioned dev server binary started on `port` (on the SQLite file `dbFilename` when given, as `npm start`
 * runs it; in memory otherwise), resolved once its frontend answers. A test may kill it and start another on the
 * same file and port: a restart.
 */
export async function spawnDevServer(
  executablePath: string,
  options: { port: number; uiPort?: number; dbFilename?: string },
) {
  const address = `127.0.0.1:${options.port}`;
  const child = spawn(
    executablePath,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      ...(options.uiPort ? ['--ui-port', String(options.uiPort), '--ui-disable-news-fetch'] : ['--headless']),
      ...(options.dbFilename ? ['--db-filename', options.dbFilename] : []),
      '--log-level',
      'error',
      ...searchAttributeFlags(),
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
      } finally {
        await connection.close();
      }
      return { address, child, exited };
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the Temporal dev server at ${address} did not start: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
