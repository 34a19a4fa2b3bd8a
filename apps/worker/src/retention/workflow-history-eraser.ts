import { Injectable } from '@nestjs/common';
import { Client, isGrpcServiceError, WorkflowNotFoundError, type WorkflowExecutionInfo } from '@temporalio/client';
import { AppConfig } from '@terugkeer/config';
import type { ErasedRun } from '@terugkeer/persistence';
import { DataSource } from 'typeorm';

const GRPC_NOT_FOUND = 5;
/** Workflow ids are ours (`detention-<uuid>`): checked before they go into a visibility query. */
const WORKFLOW_ID = /^[A-Za-z0-9-]{1,100}$/;

export interface PendingErasure {
  id: string;
  workflowId: string;
}

/**
 * Deletes the Temporal history of an erased case now, rather than waiting for the namespace's retention: every run
 * of its workflow (continue-as-new makes several), each only once it is closed. Idempotent: a run already deleted
 * counts as deleted, so a sweep that died half-way is finished by the next one.
 */
@Injectable()
export class WorkflowHistoryEraser {
  constructor(
    private readonly client: Client,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  /** Every run of the workflow Temporal still knows: its visibility list, and the latest run by id. */
  async runs(workflowId: string): Promise<ErasedRun[]> {
    if (!WORKFLOW_ID.test(workflowId)) throw new RangeError('not a workflow id of this application');
    const runs = new Map<string, ErasedRun>();
    const add = (info: Pick<WorkflowExecutionInfo, 'runId' | 'status'>) =>
      runs.set(info.runId, { runId: info.runId, status: info.status.name });
    for await (const info of this.client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) add(info);
    // Visibility may lag behind: the latest run is also asked for directly.
    try {
      add(await this.client.workflow.getHandle(workflowId).describe());
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    return [...runs.values()];
  }

  /** Is any run of the workflow still running? Its case must not be erased yet: the run would project again. */
  async isRunning(workflowId: string): Promise<boolean> {
    return (await this.runs(workflowId)).some((run) => run.status === 'RUNNING');
  }

  /**
   * Deletes every closed run of the erasure's workflow; when none is left running, records the runs deleted and
   * completes the erasure. Returns whether it completed.
   */
  async erase({ id, workflowId }: PendingErasure): Promise<boolean> {
    const runs = await this.runs(workflowId);
    const closed = runs.filter((run) => run.status !== 'RUNNING');
    for (const run of closed) {
      await this.deleteRun(workflowId, run.runId);
      // Noted run by run: a deleted run is no longer listed by the next sweep.
      await this.dataSource.query(
        `UPDATE erasures SET temporal_runs = temporal_runs || $2::jsonb
         WHERE id = $1 AND NOT temporal_runs @> jsonb_build_array(jsonb_build_object('runId', $3::text))`,
        [id, JSON.stringify([run]), run.runId],
      );
    }
    if (closed.length < runs.length) return false;
    await this.dataSource.query(
      'UPDATE erasures SET temporal_erased_at = now() WHERE id = $1 AND temporal_erased_at IS NULL',
      [id],
    );
    return true;
  }

  private async deleteRun(workflowId: string, runId: string): Promise<void> {
    try {
      await this.client.workflowService.deleteWorkflowExecution({
        namespace: this.config.TEMPORAL_NAMESPACE,
        workflowExecution: { workflowId, runId },
      });
    } catch (error) {
      if (!(isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND)) throw error;
    }
  }
}
