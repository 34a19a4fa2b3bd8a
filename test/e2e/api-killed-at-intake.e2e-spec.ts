import { WorkflowNotFoundError } from '@temporalio/client';
import { detentionWorkflowId } from '@terugkeer/contracts';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { exited, spawnApi } from '../support/compiled-app';
import { intakeBody } from '../support/intake';
import { uniquePerson } from '../support/people';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';
import { startTcpProxy } from '../support/tcp-proxy';

/**
 * The API — the compiled app in its own process — SIGKILLed after it stored an intake and before it started the
 * workflow: Temporal hangs behind a paused proxy, so the start is on its way when the process dies. The stored
 * registration is all that is left; the worker's intake relay starts its workflow, once, and the client retrying
 * the lost answer on a new API gets the same detention.
 */
describe('the API killed between accepting an intake and starting its workflow', () => {
  let stack: Stack;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  const apis: ChildProcess[] = [];

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    const temporal = new URL(`grpc://${stack.temporal.address}`);
    proxy = await startTcpProxy(temporal.hostname, Number(temporal.port));
  });
  afterAll(async () => {
    for (const api of apis) api.kill('SIGKILL');
    await proxy?.close();
    await stack?.close();
  });

  it('still gets its workflow, exactly once', async () => {
    const casemanager = await stack.as('casemanager', 'PI-ALMELO', 'cm-almelo');
    const options = { databaseUrl: stack.db.url, taskQueue: stack.options.taskQueue };
    // A start deadline far beyond the kill: the API is inside its start when it dies, not past a timeout.
    const doomed = await spawnApi({
      ...options,
      temporalAddress: `127.0.0.1:${proxy.port}`,
      env: { TEMPORAL_RPC_TIMEOUT: '120s' },
    });
    apis.push(doomed.child);
    const { bsn, name, dateOfBirth } = uniquePerson();
    const body = JSON.stringify(intakeBody({ person: { bsn, name, dateOfBirth } }));
    const key = randomUUID();
    const post = (url: string) =>
      fetch(`${url}/api/v1/detentions`, {
        method: 'POST',
        headers: { authorization: casemanager, 'content-type': 'application/json', 'idempotency-key': key },
        body,
      });

    proxy.pause();
    const lost = post(doomed.url).then(
      (res) => `answered ${res.status}`,
      (error: Error) => `no answer: ${error.message}`,
    );
    // Stored (the transaction committed), its workflow not started: the window the kill must land in.
    const row = await eventually(async () => {
      const { rows } = await stack.pg.query(
        `SELECT id, workflow_started_at AS "startedAt", workflow_start_attempted_at AS "attemptedAt"
         FROM detentions WHERE person_name = $1`,
        [name],
      );
      expect(rows).toHaveLength(1);
      return rows[0] as { id: string; startedAt: Date | null; attemptedAt: Date | null };
    });
    doomed.child.kill('SIGKILL');
    await exited(doomed.child);
    proxy.cut(); // nothing the dead API sent is let through afterwards
    expect(await lost).toMatch(/^no answer/);
    expect(row).toMatchObject({ startedAt: null, attemptedAt: null });
    const handle = stack.temporal.client.workflow.getHandle(detentionWorkflowId(row.id));
    await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

    // Temporal back (the new API reaches it directly): the relay starts the workflow once the grace has passed.
    const fresh = await spawnApi({ ...options, temporalAddress: stack.temporal.address });
    apis.push(fresh.child);
    const started = await eventually(async () => {
      const { rows } = await stack.pg.query('SELECT workflow_started_at FROM detentions WHERE id = $1', [row.id]);
      expect(rows[0].workflow_started_at).not.toBeNull();
      return handle.describe();
    }, 60_000);
    expect({ type: started.type, status: started.status.name }).toEqual({
      type: 'detentionWorkflow',
      status: 'RUNNING',
    });

    // The client retries the answer it lost: the same detention, not a second one.
    const retried = await post(fresh.url);
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as { id: string }).id).toBe(row.id);
    const { rows: stored } = await stack.pg.query('SELECT id FROM detentions WHERE person_name = $1', [name]);
    expect(stored).toEqual([{ id: row.id }]);
    // One run of one workflow for the detention, its first turn projected.
    const runs = await eventually(async () => {
      const found = [];
      for await (const w of stack.temporal.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) {
        found.push(w.runId);
      }
      expect(found).toHaveLength(1);
      return found;
    });
    expect(runs).toEqual([started.runId]);
    const detail = await eventually(async () => {
      const res = await fetch(`${fresh.url}/api/v1/detentions/${row.id}`, { headers: { authorization: casemanager } });
      const detention = (await res.json()) as { caseReference: string | null };
      expect(detention.caseReference).toBeTruthy();
      return detention;
    });
    expect(detail).toBeDefined();
  }, 120_000);
});
