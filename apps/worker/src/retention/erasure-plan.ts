import type { ErasedTable } from '@terugkeer/persistence';

/** One statement of an erasure: what it removes from which table, for the detention `$1`. */
export interface ErasureStep extends Omit<ErasedTable, 'rows'> {
  sql: string;
}

/**
 * Every place in the read models that holds personal data of a detainee, and what erasure does there. The
 * anonymous columns stay — prison, municipality, probation, phase, dates, needs, consent, measurements, statuses,
 * task types and outcomes, request types and partners — so the dashboard's figures still count the case. Not
 * listed, as they hold no personal data: `disclosures` (field names, basis, partner; append-only evidence) and
 * `audit_log` (ids, actions, field names; append-only). A new table or column with personal data belongs here;
 * test/e2e/retention.e2e-spec.ts searches every table for the person after an erasure.
 */
export const ERASURE_PLAN: readonly ErasureStep[] = [
  {
    table: 'detentions',
    action: 'pseudonymised',
    fields: ['person_name', 'person_bsn', 'person_key (BSN hash)', 'person_date_of_birth', 'casemanager (contact)'],
    sql: `UPDATE detentions SET person_name = NULL, person_bsn = NULL, person_key = NULL, person_date_of_birth = NULL,
            casemanager = '{}'::jsonb WHERE id = $1`,
  },
  {
    // The plan: titles, reasons; nothing the figures read.
    table: 'detention_steps',
    action: 'deleted',
    fields: ['all'],
    sql: `DELETE FROM detention_steps WHERE detention_id = $1`,
  },
  {
    // What people entered (screening, measurements' free text, notes) and why a task exists (a partner's reason).
    table: 'tasks',
    action: 'pseudonymised',
    fields: ['data', 'context'],
    sql: `UPDATE tasks SET data = NULL, context = NULL WHERE detention_id = $1`,
  },
  {
    // The payload sent to the partner (a BSN, a name, an address need …) and the partner's free text.
    table: 'requests',
    action: 'pseudonymised',
    fields: ['data', 'reference', 'reason', 'note', 'delivery_error'],
    sql: `UPDATE requests SET data = '{}'::jsonb, reference = NULL, reason = NULL, note = NULL, delivery_error = NULL
          WHERE detention_id = $1`,
  },
  {
    table: 'request_responses',
    action: 'pseudonymised',
    fields: ['reference', 'reason', 'note'],
    sql: `UPDATE request_responses SET reference = NULL, reason = NULL, note = NULL
          WHERE request_id IN (SELECT id FROM requests WHERE detention_id = $1)`,
  },
  {
    // Summaries carry reasons people and partners typed; the event type stays as the summary.
    table: 'timeline_events',
    action: 'pseudonymised',
    fields: ['summary', 'data'],
    sql: `UPDATE timeline_events SET summary = type, data = NULL WHERE detention_id = $1`,
  },
  {
    // Free text the people on the case wrote, and the display names of its authors; the row stays as the record
    // that a note was written (by whom, by sub, and when). The table's trigger allows this update and no other.
    table: 'case_notes',
    action: 'pseudonymised',
    fields: ['text', 'author_name'],
    sql: `UPDATE case_notes SET text = NULL, author_name = NULL, erased_at = now()
          WHERE detention_id = $1 AND erased_at IS NULL`,
  },
  {
    // A hash of the registration body (name, BSN, date of birth): no use once the case is closed.
    table: 'idempotency_keys',
    action: 'deleted',
    fields: ['all'],
    sql: `DELETE FROM idempotency_keys WHERE detention_id = $1`,
  },
];
