import { Injectable } from '@nestjs/common';
import { AuditLog, type ErasedTable } from '@terugkeer/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ERASURE_PLAN } from './erasure-plan';
import type { RetentionDue } from './retention-rule';

/** The legal basis written to the audit log with every erasure. */
export const ERASURE_BASIS = 'retention period passed (DOMAIN.md: detention data deleted after release)';

interface ErasedCase {
  id: string;
  workflow_id: string;
  case_reference: string | null;
  prison: string;
  municipality: string;
}

/**
 * Erases the personal data of one closed detention from PostgreSQL in one transaction: every step of the erasure
 * plan, the detention marked erased, the erasure record and an audit entry. Nothing or all of it is written; a
 * detention already erased (or being erased by another worker) is left alone.
 */
@Injectable()
export class DetentionEraser {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** Returns the id of the erasure record, or null when there was nothing (more) to erase. */
  erase(detentionId: string, due: RetentionDue, retentionPeriod: string, now: Date): Promise<string | null> {
    return this.dataSource.transaction(async (tx) => {
      const rows: ErasedCase[] = await tx.query(
        `SELECT id, workflow_id, case_reference, prison, municipality FROM detentions
         WHERE id = $1 AND phase = 'closed' AND erased_at IS NULL FOR UPDATE SKIP LOCKED`,
        [detentionId],
      );
      if (!rows.length) return null;
      const detention = rows[0];
      const removed = await this.removePersonalData(tx, detention.id);
      const erasureId = randomUUID();
      await tx.query(
        `INSERT INTO erasures (id, detention_id, workflow_id, case_reference, prison, municipality, rule,
           retention_period, counted_from, counted_from_date, due_date, erased_at, removed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          erasureId,
          detention.id,
          detention.workflow_id,
          detention.case_reference,
          detention.prison,
          detention.municipality,
          due.rule,
          retentionPeriod,
          due.countedFrom,
          due.countedFromDate,
          due.dueDate,
          now,
          JSON.stringify(removed),
        ],
      );
      await tx.query('UPDATE detentions SET erased_at = $2, updated_at = now() WHERE id = $1', [detention.id, now]);
      await this.audit.append(
        {
          actor: 'terugkeer',
          role: 'system',
          org: 'terugkeer',
          action: 'erase:detention',
          detentionIds: [detention.id],
          fields: removed.filter((r) => r.rows > 0).flatMap((r) => r.fields.map((f) => `${r.table}.${f}`)),
          basis: `${ERASURE_BASIS}: ${due.rule}`,
          target: `erasure ${erasureId}`,
        },
        now,
        tx,
      );
      return erasureId;
    });
  }

  private async removePersonalData(tx: EntityManager, detentionId: string): Promise<ErasedTable[]> {
    const removed: ErasedTable[] = [];
    for (const { sql, ...what } of ERASURE_PLAN) {
      // UPDATE and DELETE answer [rows, affected count].
      const [, rows] = (await tx.query(sql, [detentionId])) as [unknown, number];
      removed.push({ ...what, rows });
    }
    return removed;
  }
}
