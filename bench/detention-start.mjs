// How much the detention workflow's first turn (plan, fire the intake steps, resolve partners, project) costs over
// a bare Temporal workflow that runs one activity — both on the same dev server, in this process, with activities
// that do nothing, so that the ratio measures the orchestration, not PostgreSQL or HTTP.
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

const N = Number(process.argv[2] ?? 200);
Runtime.install({ logger: new DefaultLogger('WARN') });
const { cli } = await provisionTemporal(['cli']);
const env = await TestWorkflowEnvironment.createLocal({
  server: { executable: executableOption(cli), searchAttributes: [...SEARCH_ATTRIBUTES] },
});

async function measure(name, { bundle, activities, workflowType, args, done }) {
  const taskQueue = `bench-${name}-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities,
    maxCachedWorkflows: N + 10,
  });
  let elapsed = 0;
  await worker.runUntil(async () => {
    const began = performance.now();
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
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
const baselineDone = counter(N);
const baselineBundle = await bundleWorkflowCode({
  workflowsPath: path.join(ROOT, 'bench/baseline.workflow.js'),
  logger: new DefaultLogger('WARN'),
});
const baseline = await measure('baseline', {
  bundle: baselineBundle,
  activities: { noop: async () => baselineDone.tick() },
  workflowType: 'baselineWorkflow',
  args: () => [],
  done: baselineDone.reached,
});

// Terugkeer: a detention registered a day late (its intake steps fire at once), until its first projection.
const projected = new Set();
const detentionsDone = counter(N);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const terugkeer = await measure('detention', {
  bundle: { codePath: path.join(ROOT, 'dist/workflow-bundle.js') },
  activities: {
    projectDetention: async (batch) => {
      if (!projected.has(batch.detentionId) && batch.events.some((e) => e.type === 'task-created')) {
        projected.add(batch.detentionId);
        detentionsDone.tick();
      }
    },
    resolvePartner: async (q) => ({ id: `p-${q.routedTo}`, name: 'desk', government: true, delivery: 'inbox' }),
    deliverMessage: async () => ({ httpStatus: 200 }),
    closePreviousDetention: async () => undefined,
  },
  workflowType: 'detentionWorkflow',
  args: () => [
    {
      playbook: { id: 'default', version: 1 },
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
  done: detentionsDone.reached,
});

await env.teardown();
console.log(`workflows:              ${N}`);
console.log(`bare Temporal baseline: ${baseline.toFixed(0)} ms (${((N / baseline) * 1000).toFixed(0)} workflows/s)`);
console.log(`detention first turn:   ${terugkeer.toFixed(0)} ms (${((N / terugkeer) * 1000).toFixed(0)} workflows/s)`);
console.log(`ratio:                  ${(terugkeer / baseline).toFixed(2)}× the baseline`);
