import { condition } from '@temporalio/workflow';

export async function detentionWorkflow(): Promise<void> {
  await condition(() => false);
}
