import { Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { AppConfig } from '@terugkeer/config';
import { detentionSearchAttributes, detentionWorkflowId, type DetentionRegistration } from '@terugkeer/contracts';
import { detentionWorkflow } from '@terugkeer/workflows';
import type { ProbationOrganisation } from '@terugkeer/domain';
import type { DetentionEntity } from '@terugkeer/persistence';
import { TemporalDeadlines, temporalRefusedForGood, temporalUnanswered } from '@terugkeer/temporal';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * How a start went. Not started now — `no-answer`: Temporal could not be reached or did not answer in time;
 * `error`: any other error — the relay tries again. `refused`: Temporal refused it for good — recorded on the
 * row, which the relay then leaves alone.
 */
export type StartOutcome = { kind: 'started' } | { kind: 'no-answer' | 'error' | 'refused'; reason: string };

/** The workflow id is taken by a workflow that is not this detention's: starting again will not change that. */
class WorkflowIdTaken extends Error {}

/**
 * Starts the workflow of a registered detention. Used right after registration by the API and, for
 * registrations whose start was interrupted (a process died in between, Temporal did not answer), by the worker's
 * intake relay. Starting twice is success: the workflow id is the detention id. Never throws for Temporal: it
 * answers how it went, and writes that on the row.
 */
@Injectable()
export class DetentionStarter {
  constructor(
    private readonly client: Client,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly deadlines: TemporalDeadlines,
  ) {}

  /** `manager`: the transaction holding the row's lock, if any (the relay's); else the pool. */
  async start(row: DetentionEntity, manager: EntityManager = this.dataSource.manager): Promise<StartOutcome> {
    let outcome: StartOutcome;
    try {
      // Bounded: an unreachable Temporal must not hold the registration; the intake relay retries later.
      await this.deadlines.within('rpc', () => this.startWorkflow(row));
      outcome = { kind: 'started' };
    } catch (error) {
      const refused = error instanceof WorkflowIdTaken ? error.message : temporalRefusedForGood(error);
      if (refused) outcome = { kind: 'refused', reason: refused };
      else outcome = { kind: temporalUnanswered(error) ? 'no-answer' : 'error', reason: described(error) };
    }
    await this.record(manager, row.id, outcome);
    return outcome;
  }

  private async startWorkflow(row: DetentionEntity): Promise<void> {
    const workflowId = detentionWorkflowId(row.id);
    try {
      await this.client.workflow.start(detentionWorkflow, {
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [{ registration: registrationOf(row), playbook: { id: row.playbookId, version: row.playbookVersion } }],
        // A closed workflow with this id is this detention's, run and ended: it is not started a second time.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        // At start an attribute is set or absent: an unknown release date is left out.
        typedSearchAttributes: detentionSearchAttributes({ ...row, phase: 'detained' }).filter(
          (pair): pair is SearchAttributePair => pair.value !== null,
        ),
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      // Started before — by the API, by another relay, or by a start that timed out here but went through — or
      // is the id taken by a workflow of another kind?
      const { type } = await this.client.workflow.getHandle(workflowId).describe();
      if (type !== detentionWorkflow.name) {
        throw new WorkflowIdTaken(`workflow id ${workflowId} is taken by a workflow of type ${type.slice(0, 100)}`);
      }
    }
  }

  private async record(manager: EntityManager, id: string, outcome: StartOutcome): Promise<void> {
    if (outcome.kind === 'started') {
      await manager.query(
        `UPDATE detentions SET workflow_started_at = now(), workflow_start_error = NULL
         WHERE id = $1 AND workflow_started_at IS NULL`,
        [id],
      );
      return;
    }
    await manager.query(
      `UPDATE detentions SET workflow_start_attempted_at = now(), workflow_start_error = $2,
              workflow_start_refused_at = CASE WHEN $3 THEN now() END
       WHERE id = $1 AND workflow_started_at IS NULL`,
      [id, outcome.reason, outcome.kind === 'refused'],
    );
  }
}

function registrationOf(row: DetentionEntity): DetentionRegistration {
  return {
    detentionId: row.id,
    person: { bsn: row.personBsn, name: row.personName, dateOfBirth: row.personDateOfBirth },
    prison: row.prison,
    municipality: row.municipality,
    probation: row.probation as ProbationOrganisation,
    intakeDate: row.intakeDate,
    expectedReleaseDate: row.expectedReleaseDate,
    casemanager: row.casemanager,
    needs: row.needs,
    idDocumentExpiry: row.idDocumentExpiry,
    ...(Object.keys(row.consent ?? {}).length ? { consent: { ...row.consent } } : {}),
    registeredAt: new Date(row.registeredAt).toISOString(),
    registeredBy: row.registeredBy,
    ...(row.previousDetentionId ? { previousDetentionId: row.previousDetentionId } : {}),
  };
}

/** What went wrong, short: the client's message and its cause's (Temporal's status), first lines only. */
function described(error: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = error; e !== undefined && lines.length < 2; e = e instanceof Error ? e.cause : undefined) {
    lines.push((e instanceof Error ? e.message : String(e)).split('\n')[0]);
  }
  return lines.join(': ').slice(0, 300);
}
