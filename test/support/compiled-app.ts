import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './ports';
import { TEST_JWT_SECRET, TEST_PAYLOAD_KEY } from './tokens';

const ROOT = path.resolve(__dirname, '../..');
const READY_WITHIN_MS = 60_000;

export interface CompiledAppOptions {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  env?: Record<string, string>;
}

function envOf(options: CompiledAppOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    TEMPORAL_PAYLOAD_KEY: TEST_PAYLOAD_KEY,
    // The partner simulator of the tests listens on this machine.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    ...options.env,
  };
}

/** The worker as it runs in production: the compiled app (dist/, `node scripts/build.mjs`) in a process of its own. */
export function spawnWorker(options: CompiledAppOptions): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'dist/apps/worker/src/main.js')], {
    cwd: ROOT,
    env: envOf(options),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * The API as it runs in production, in a process of its own on a free port; resolves once it answers HTTP (any
 * status: /health may well say a dependency is down). A process a test can SIGKILL.
 */
export async function spawnApi(options: CompiledAppOptions): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: { ...envOf(options), PORT: String(port), PUBLIC_BASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the compiled API exited (${child.exitCode}) before it answered`);
    try {
      await fetch(`${url}/health`);
      return { child, url };
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the compiled API did not answer at ${url} within ${READY_WITHIN_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Resolves once the process has ended (at once if it has). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}
