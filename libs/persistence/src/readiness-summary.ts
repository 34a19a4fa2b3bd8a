import {
  CONDITION_CHECK_TASKS,
  CONDITION_REQUEST,
  readinessSummary,
  type ConditionFacts,
  type ConditionRequestRow,
  type OutcomeTaskRow,
} from '@terugkeer/domain';
import type { EntityManager } from 'typeorm';

const REQUEST_TYPES = Object.values(CONDITION_REQUEST);
const CHECK_TASKS = [...CONDITION_CHECK_TASKS];

/**
 * Writes a case's readiness summary (the weight of its lights at both moments, what was arranged by release) beside it, from the
 * read model's own rows: after every projection batch and every partner response, in their transaction, so that
 * the dashboard ranks and counts every case without reading its requests and tasks (issue 11, item 3). A case's
 * summary is a pure function of its rows (`readinessSummary`): writing it again changes nothing.
 */
export async function refreshReadinessSummary(tx: EntityManager, detentionId: string, now = Date.now()) {
  const [facts]: ConditionFacts[] = await tx.query(
    `SELECT needs, consent, measurements, screening_completed_date AS "screeningCompletedDate",
            expected_release_date AS "expectedReleaseDate", actual_release_date AS "actualReleaseDate",
            id_document_expiry AS "idDocumentExpiry"
       FROM detentions WHERE id = $1`,
    [detentionId],
  );
  if (!facts) return;
  const requests: ConditionRequestRow[] = await tx.query(
    `SELECT type, status, delivery, partner_id AS "partnerId", sent_at AS "sentAt", closed_at AS "closedAt",
              withdrawn_at AS "withdrawnAt", updated_at AS "updatedAt"
         FROM requests WHERE detention_id = $1 AND type = ANY ($2)`,
    [detentionId, REQUEST_TYPES],
  );
  const tasks: OutcomeTaskRow[] = await tx.query(
    `SELECT type, status, data, completed_at AS "completedAt", outcome
         FROM tasks WHERE detention_id = $1 AND type = ANY ($2)`,
    [detentionId, CHECK_TASKS],
  );
  const summary = readinessSummary(facts, { requests, tasks }, now);
  const { weights: w, releaseOutcome: released } = summary;
  await tx.query(
    `UPDATE detentions SET board_weight_normal = $2, board_weight_urgent = $3, board_weight_shared_normal = $4,
         board_weight_shared_urgent = $5, release_valid_id = $6, release_housing = $7, release_income_decided = $8,
         release_insurance_resumed = $9
       WHERE id = $1`,
    [
      detentionId,
      w.normal,
      w.urgent,
      w.sharedNormal,
      w.sharedUrgent,
      released?.validId ?? null,
      released?.housing ?? null,
      released?.incomeDecided ?? null,
      released?.insuranceResumed ?? null,
    ],
  );
}
