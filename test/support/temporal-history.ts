import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { payloadCodec } from '@terugkeer/temporal';
import { TEST_PAYLOAD_KEY } from './tokens';

const codec = payloadCodec({ TEMPORAL_PAYLOAD_KEY: TEST_PAYLOAD_KEY, TEMPORAL_PAYLOAD_KEY_ID: 'k1' });

function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return found;
  const candidate = value as Partial<Payload>;
  if (candidate.data instanceof Uint8Array && candidate.metadata && typeof candidate.metadata === 'object') {
    found.push(candidate as Payload);
    return found;
  }
  for (const child of Object.values(value)) payloadsIn(child, found);
  return found;
}

/** Every payload of a run's history, decrypted with the tests' key, as text: what a key holder could read. */
export async function decodedHistory(client: Client, workflowId: string, runId?: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const decoded = await codec.decode(payloadsIn(history));
  return decoded.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
}

/** Every run of a workflow id that Temporal's visibility lists, with its status. */
export async function runsOf(client: Client, workflowId: string): Promise<{ runId: string; status: string }[]> {
  const runs: { runId: string; status: string }[] = [];
  for await (const info of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) {
    runs.push({ runId: info.runId, status: info.status.name });
  }
  return runs;
}
