// The bare-Temporal side of every comparison: a plain worker in this process, on the scenario's Temporal server,
// running bench/support/bare.workflows.js with an activity that only counts.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './paths.mjs';

const require = createRequire(import.meta.url);
const { bundleWorkflowCode, DefaultLogger, Worker } = require('@temporalio/worker');

let bundle;
const bareBundle = () =>
  (bundle ??= bundleWorkflowCode({
    workflowsPath: path.join(ROOT, 'bench/support/bare.workflows.js'),
    logger: new DefaultLogger('WARN'),
  }));

/**
 * A bare worker polling a task queue of its own; `onActivity()` runs for every activity done. `stop()` drains it.
 * Tuned as the SDK ships it, except for a cache big enough for every workflow of the scenario.
 */
export async function startBareWorker(temporal, { name, onActivity = () => undefined, cached = 10_000 }) {
  const taskQueue = `bare-${name}-${randomUUID().slice(0, 8)}`;
  const worker = await Worker.create({
    connection: temporal.nativeConnection,
    taskQueue,
    workflowBundle: await bareBundle(),
    activities: { noop: async () => onActivity() },
    maxCachedWorkflows: cached,
  });
  const running = worker.run();
  running.catch(() => undefined); // a worker that fails is reported by stop(), not as an unhandled rejection
  return {
    taskQueue,
    start: (workflowType, workflowId, args = []) =>
      temporal.client.workflow.start(workflowType, { taskQueue, workflowId, args }),
    stop: async () => {
      worker.shutdown();
      await running;
    },
  };
}

/** A promise that resolves after `target` ticks, and the tick. */
export function counter(target) {
  let count = 0;
  let resolve;
  const reached = new Promise((r) => (resolve = r));
  if (target <= 0) resolve();
  return {
    tick: () => {
      if (++count === target) resolve();
    },
    reached,
    count: () => count,
  };
}
