import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { workflowTracingSinks } from '@terugkeer/temporal';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testWorkerDataConverter, timeSkippingEnv, workflowBundle } from './support/harness';
import { SCENARIOS as UNTRACED } from './support/scenarios';
import { tracedIntake } from './support/traced-scenario';

const HISTORIES = path.join(__dirname, 'histories');
/**
 * Histories recorded by this version of the workflow code are prefixed with it. v1: before the rules at the edges
 * (their runs replay without the patch); v2: with them (EDGE_RULES_PATCH). Later patches (DROP_WITHDRAWN_DATA_PATCH,
 * DEAD_LETTER_PATCH, REDELIVER_AFTER_OUTAGE_PATCH) add a v2 scenario of their own and leave the earlier v2 recordings as they were.
 * The histories recorded before OTEL_TRACING_PATCH (all but traced-intake) replay with the tracing interceptors in
 * the bundle: those stay out of runs that did not record the patch.
 */
const CODE_VERSION = 'v2';
const SCENARIOS: typeof UNTRACED = { ...UNTRACED, 'traced-intake': tracedIntake };

async function replay(workflowId: string, history: unknown) {
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle(), dataConverter: testWorkerDataConverter(), sinks: workflowTracingSinks() },
    history,
    workflowId,
  );
}

describe('replay: the workflow code stays deterministic for running detentions', () => {
  const committed = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

  it('has committed histories of every scenario', () => {
    for (const name of Object.keys(SCENARIOS)) expect(committed).toContain(`${CODE_VERSION}-${name}.json`);
  });

  it.each(committed)('replays %s without a determinism violation', async (file) => {
    const { workflowId, history } = JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8'));
    await replay(workflowId, historyFromJSON(history));
  });

  describe.each(Object.keys(SCENARIOS))('scenario %s, recorded now', (name) => {
    let env: TestWorkflowEnvironment;
    beforeEach(async () => {
      env = await timeSkippingEnv();
    });
    afterEach(() => env?.teardown());

    it('replays its own fresh history (RECORD_HISTORIES=1 commits it)', async () => {
      const { workflowId, runId } = await SCENARIOS[name](env);
      const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
      await replay(workflowId, history);
      if (process.env.RECORD_HISTORIES === '1') {
        const file = path.join(HISTORIES, `${CODE_VERSION}-${name}.json`);
        writeFileSync(file, JSON.stringify({ workflowId, history: JSON.parse(historyToJSON(history)) }, null, 1));
      }
    });
  });
});
