import { Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { AppConfig } from '@terugkeer/config';
import { detentionSearchAttributes, detentionWorkflowId, type DetentionRegistration } from '@terugkeer/contracts';
import { detentionWorkflow } from '@terugkeer/workflows';
import type { ProbationOrganisation } from '@terugkeer/domain';
import type { DetentionEntity } from '@terugkeer/persistence';
import { TemporalDeadlines } from '@terugkeer/temporal';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Starts the workflow of a registered detention. Used right after registration by the API and, for
 * registrations whose start was interrupted (a process died in between), by the worker's intake relay.
 * Starting twice is success: the workflow id is the detention id.
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
  async start(row: DetentionEntity, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const registration: DetentionRegistration = {
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
    try {
      // Bounded: an unreachable Temporal must not hold the registration; the intake relay retries later.
      await this.deadlines.within('rpc', () =>
        this.client.workflow.start(detentionWorkflow, {
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          workflowId: detentionWorkflowId(row.id),
          args: [{ registration, playbook: { id: row.playbookId, version: row.playbookVersion } }],
          // At start an attribute is set or absent: an unknown release date is left out.
          typedSearchAttributes: detentionSearchAttributes({ ...row, phase: 'detained' }).filter(
            (pair): pair is SearchAttributePair => pair.value !== null,
          ),
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await manager.query(
      'UPDATE detentions SET workflow_started_at = now() WHERE id = $1 AND workflow_started_at IS NULL',
      [row.id],
    );
  }
}
