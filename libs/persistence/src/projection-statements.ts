import type { Disclosure, HumanTask, PartnerRequest, ProjectionBatch, TimelineEvent } from '@terugkeer/contracts';
import { OPEN_REQUEST_STATUSES } from '@terugkeer/domain';
import type { EntityManager } from 'typeorm';

// The statements that write one projection batch's parts into the read models; each idempotent on its own.

/** The open request statuses as an SQL list (fixed domain constants, no input). */
const OPEN_REQUEST = `(${OPEN_REQUEST_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export async function writeSnapshot(tx: EntityManager, { detentionId, seq, detention, steps }: ProjectionBatch) {
  const { facts } = detention;
  await tx.query(
    `UPDATE detentions SET
         prison = $2, municipality = $3, probation = $4, phase = $5,
         intake_date = $6, expected_release_date = $7, actual_release_date = $8, screening_completed_date = $9,
         id_document_expiry = $10, needs = $11, consent = $12, measurements = $13,
         ended_reason = $14, ended_date = $15, closed_reason = $16, closed_date = $17, case_reference = $18,
         projected_seq = $19, release_address_known = $20, casemanager = COALESCE($21::jsonb, casemanager),
         edge_rules = COALESCE($22, edge_rules),
         updated_at = now()
       WHERE id = $1`,
    [
      detentionId,
      facts.prison,
      facts.municipality,
      facts.probation,
      detention.phase,
      facts.intakeDate,
      facts.expectedReleaseDate,
      facts.actualReleaseDate,
      facts.screeningCompletedDate,
      facts.idDocumentExpiry,
      JSON.stringify(facts.needs),
      JSON.stringify(facts.consent),
      JSON.stringify(detention.measurements),
      facts.ending?.reason ?? null,
      facts.ending?.date ?? null,
      detention.closed?.reason ?? null,
      detention.closed?.date ?? null,
      detention.caseReference,
      seq,
      facts.releaseAddressKnown ?? null,
      detention.casemanager ? JSON.stringify(detention.casemanager) : null,
      detention.edgeRules ?? null,
    ],
  );
  await tx.query('DELETE FROM detention_steps WHERE detention_id = $1', [detentionId]);
  if (!steps.length) return;
  const values: unknown[] = [];
  const tuples = steps.map((s, i) => {
    values.push(
      detentionId,
      s.instanceId,
      s.stepId,
      s.occurrence,
      s.kind,
      s.title,
      s.rule,
      s.state,
      s.plannedDate,
      s.dueDate,
      s.fireAt === null ? null : new Date(s.fireAt),
      s.late,
      s.waitingFor ?? null,
      s.reason ?? null,
      s.firedAt === undefined ? null : new Date(s.firedAt),
      i,
    );
    const base = i * 16;
    return `(${Array.from({ length: 16 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
  });
  await tx.query(
    `INSERT INTO detention_steps (detention_id, instance_id, step_id, occurrence, kind, title, rule, state,
         planned_date, due_date, fire_at, late, waiting_for, reason, fired_at, position)
       VALUES ${tuples.join(', ')}`,
    values,
  );
}

export async function writeEvent(tx: EntityManager, detentionId: string, e: TimelineEvent) {
  await tx.query(
    `INSERT INTO timeline_events (detention_id, seq, at, type, summary, actor_kind, actor_id, actor_label,
           step_instance_id, task_id, request_id, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (detention_id, seq) DO NOTHING`,
    [
      detentionId,
      e.seq,
      e.at,
      e.type,
      e.summary,
      e.actor.kind,
      e.actor.id ?? null,
      e.actor.label,
      e.stepInstanceId ?? null,
      e.taskId ?? null,
      e.requestId ?? null,
      e.data ? JSON.stringify(e.data) : null,
    ],
  );
}

export async function writeTask(tx: EntityManager, t: HumanTask) {
  await tx.query(
    `INSERT INTO tasks (id, detention_id, step_instance_id, type, role, org, title, due_date, status, claimed_by,
           outcome, data, context, version, created_at, completed_at, completed_by, reminded_at, escalated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         ON CONFLICT (id) DO UPDATE SET
           role = EXCLUDED.role, org = EXCLUDED.org, title = EXCLUDED.title, due_date = EXCLUDED.due_date, status = EXCLUDED.status,
           claimed_by = EXCLUDED.claimed_by, outcome = EXCLUDED.outcome, data = EXCLUDED.data,
           context = EXCLUDED.context, version = EXCLUDED.version, completed_at = EXCLUDED.completed_at,
           completed_by = EXCLUDED.completed_by, reminded_at = EXCLUDED.reminded_at,
           escalated_at = EXCLUDED.escalated_at
         WHERE tasks.version < EXCLUDED.version`,
    [
      t.id,
      t.detentionId,
      t.stepInstanceId,
      t.type,
      t.role,
      t.org,
      t.title,
      t.dueDate,
      t.status,
      t.claimedBy,
      t.outcome,
      t.data ? JSON.stringify(t.data) : null,
      t.context ? JSON.stringify(t.context) : null,
      t.version,
      t.createdAt,
      t.completedAt,
      t.completedBy,
      t.remindedAt,
      t.escalatedAt,
    ],
  );
}

/**
 * The workflow owns creation, due dates, chasing, deadlines, delivery and withdrawal; partner answers are the
 * API's to write (a withdrawal still ends an open request).
 */
export async function writeRequest(tx: EntityManager, r: PartnerRequest) {
  await tx.query(
    `INSERT INTO requests (id, detention_id, step_instance_id, type, recipient, routed_to, partner_id, government,
           status, due_date, data, sent_at, chased_at, escalated_at, withdrawn_at, withdraw_reason, delivery,
           delivered_at, delivery_error, deadlines, disclosed_fields, disclosure_basis, version, coordination_ended_at,
           consent_withdrawn_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
           $24, $25)
         ON CONFLICT (id) DO UPDATE SET
           data = EXCLUDED.data, disclosed_fields = EXCLUDED.disclosed_fields,
           disclosure_basis = EXCLUDED.disclosure_basis, coordination_ended_at = EXCLUDED.coordination_ended_at,
           consent_withdrawn_at = EXCLUDED.consent_withdrawn_at,
           due_date = EXCLUDED.due_date, chased_at = EXCLUDED.chased_at, escalated_at = EXCLUDED.escalated_at,
           delivery = EXCLUDED.delivery, delivered_at = EXCLUDED.delivered_at, delivery_error = EXCLUDED.delivery_error,
           deadlines = EXCLUDED.deadlines,
           status = CASE WHEN EXCLUDED.status = 'withdrawn' AND requests.status IN ${OPEN_REQUEST}
                         THEN 'withdrawn' ELSE requests.status END,
           withdrawn_at = CASE WHEN EXCLUDED.status = 'withdrawn' AND requests.status IN ${OPEN_REQUEST}
                         THEN EXCLUDED.withdrawn_at ELSE requests.withdrawn_at END,
           withdraw_reason = CASE WHEN EXCLUDED.status = 'withdrawn' AND requests.status IN ${OPEN_REQUEST}
                         THEN EXCLUDED.withdraw_reason ELSE requests.withdraw_reason END,
           version = EXCLUDED.version, updated_at = now()
         WHERE requests.version < EXCLUDED.version`,
    [
      r.id,
      r.detentionId,
      r.stepInstanceId,
      r.type,
      r.recipient,
      r.routedTo,
      r.partnerId,
      r.government,
      r.status === 'withdrawn' ? 'withdrawn' : 'sent',
      r.dueDate,
      JSON.stringify(r.data),
      r.sentAt,
      r.chasedAt,
      r.escalatedAt,
      r.withdrawnAt,
      r.withdrawReason,
      r.delivery,
      r.deliveredAt,
      r.deliveryError,
      JSON.stringify(r.deadlines.map(({ name, dueDate, state, at }) => ({ name, dueDate, state, at }))),
      r.disclosure.fields,
      r.disclosure.basis,
      r.version,
      r.coordinationEndedAt ?? null,
      r.consentWithdrawnAt ?? null,
    ],
  );
}

export async function writeDisclosure(tx: EntityManager, detentionId: string, d: Disclosure) {
  await tx.query(
    `INSERT INTO disclosures (key, detention_id, request_id, partner_id, event, fields, basis, disclosed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING`,
    [d.key, detentionId, d.requestId, d.partnerId, d.event, d.fields, d.basis, d.at],
  );
}
