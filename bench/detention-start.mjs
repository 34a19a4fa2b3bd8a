// How much the detention workflow's first turn (plan, fire the intake steps, resolve partners, project) costs over
// a bare Temporal workflow that runs one activity — both on the same dev server, in this process, with activities
// that do nothing, so that the ratio measures the orchestration, not PostgreSQL or HTTP. A short warm-up round of
// both runs first, so that neither measurement pays for the cold server and the cold process.
//
//   npm run build && node bench/detention-start.mjs [workflows=200]
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { TestWorkflowEnvironment } = require('@temporalio/testing');
const { bundleWorkflowCode, DefaultLogger, Runtime, Worker } = require('@temporalio/worker');
const { provisionTemporal, executableOption } = await import(path.join(ROOT, 'scripts/provision-temporal.mjs'));
const { SEARCH_ATTRIBUTES } = require(path.join(ROOT, 'dist/libs/contracts/src/index.js'));
const { detentionWorkflow } = require(path.join(ROOT, 'dist/workflows/src/index.js'));
const { DEFAULT_PLAYBOOK } = require(path.join(ROOT, 'dist/libs/domain/src/index.js'));

const N = Number(process.argv[2] ?? 200);
const WARM_UP = Math.min(20, N);
Runtime.install({ logger: new DefaultLogger('WARN') });
const { cli } = await provisionTemporal(['cli']);
const env = await TestWorkflowEnvironment.createLocal({
  server: { executable: executableOption(cli), searchAttributes: [...SEARCH_ATTRIBUTES] },
});

async function measure(name, n, { bundle, activities, sinks, workflowType, args, done }) {
  const taskQueue = `bench-${name}-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities,
    sinks,
    maxCachedWorkflows: n + 10,
  });
  let elapsed = 0;
  await worker.runUntil(async () => {
    const began = performance.now();
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        env.client.workflow.start(workflowType, {
          taskQueue,
          workflowId: `${name}-${i}-${randomUUID()}`,
          args: args(i),
        }),
      ),
    );
    await done();
    elapsed = performance.now() - began;
  });
  return elapsed;
}

function counter(target) {
  let count = 0;
  let resolve;
  const reached = new Promise((r) => (resolve = r));
  return { tick: () => ++count >= target && resolve(), reached: () => reached };
}

// Baseline: one no-op activity per workflow.
const baselineBundle = await bundleWorkflowCode({
  workflowsPath: path.join(ROOT, 'bench/baseline.workflow.js'),
  logger: new DefaultLogger('WARN'),
});
function runBaseline(n) {
  const done = counter(n);
  return measure('baseline', n, {
    bundle: baselineBundle,
    activities: { noop: async () => done.tick() },
    workflowType: 'baselineWorkflow',
    args: () => [],
    done: done.reached,
  });
}

// Terugkeer: a detention registered a day late (its intake steps fire at once), until its first projection.
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
function runDetentions(n) {
  const projected = new Set();
  const done = counter(n);
  return measure('detention', n, {
    bundle: { codePath: path.join(ROOT, 'dist/workflow-bundle.js') },
    // The bundle's tracing interceptors hand their spans to this sink; the production worker's drops them too
    // while tracing is off.
    sinks: { exporter: { export: { fn: () => undefined } } },
    activities: {
      projectDetention: async (batch) => {
        if (!projected.has(batch.detentionId) && batch.events.some((e) => e.type === 'task-created')) {
          projected.add(batch.detentionId);
          done.tick();
        }
      },
      resolvePartner: async (q) => ({ id: `p-${q.routedTo}`, name: 'desk', government: true, delivery: 'inbox' }),
      deliverMessage: async () => ({ httpStatus: 200 }),
      closePreviousDetention: async () => undefined,
    },
    workflowType: detentionWorkflow,
    args: () => [
      {
        playbook: { id: DEFAULT_PLAYBOOK.id, version: DEFAULT_PLAYBOOK.version },
        registration: {
          detentionId: randomUUID(),
          person: { bsn: '123456782', name: 'Bench', dateOfBirth: '1990-01-01' },
          prison: 'PI-ALMELO',
          municipality: 'GM0363',
          probation: 'RN',
          intakeDate: yesterday,
          expectedReleaseDate: null,
          casemanager: { name: 'C', email: 'c@example.org', phone: '+31 88 000 0000' },
          needs: { id: true, housing: true, income: true, debts: true, care: true, bankAccount: true, digid: true },
          idDocumentExpiry: null,
          registeredAt: new Date().toISOString(),
          registeredBy: 'bench',
        },
      },
    ],
    done: done.reached,
  });
}

// Warm-up (not measured): the first workflows on a fresh server and in a fresh process are the slowest.
await runBaseline(WARM_UP);
await runDetentions(WARM_UP);

const baseline = await runBaseline(N);
const terugkeer = await runDetentions(N);

await env.teardown();
console.log(`workflows:              ${N} (after a warm-up of ${WARM_UP} of each)`);
console.log(`bare Temporal baseline: ${baseline.toFixed(0)} ms (${((N / baseline) * 1000).toFixed(0)} workflows/s)`);
console.log(`detention first turn:   ${terugkeer.toFixed(0)} ms (${((N / terugkeer) * 1000).toFixed(0)} workflows/s)`);
console.log(`ratio:                  ${(terugkeer / baseline).toFixed(2)}× the baseline`);
