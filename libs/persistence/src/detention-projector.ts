import { Injectable } from '@nestjs/common';
import type { DeadLetter, ProjectionBatch, ProjectionResult } from '@terugkeer/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { refreshReadinessSummary } from './readiness-summary';
import { writeDisclosure, writeEvent, writeRequest, writeSnapshot, writeTask } from './projection-statements';

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A value PostgreSQL can store: NUL and lone UTF-16 surrogates in any string become U+FFFD. */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  }
  return value;
}

/** SQLSTATE classes of a value PostgreSQL refuses (data exception, integrity constraint, program limit). */
const REFUSED_VALUE = /^(22|23|54)/;

export const isRefusedValue = (error: unknown): boolean =>
  REFUSED_VALUE.test(String((error as { code?: unknown })?.code ?? ''));

/** One part of a batch, written on its own when the batch as a whole is refused. */
interface Part {
  kind: DeadLetter['kind'];
  key: string;
  write: (tx: EntityManager) => Promise<unknown>;
}

/**
 * Applies a workflow's projection batch to the read models in one transaction. Idempotent: timeline events are
 * keyed by (detention, seq), tasks and requests only move forward in version, and the detention snapshot and
 * plan are only replaced by a batch at least as new as the last one applied. A batch delivered twice, or an
 * older one after a newer one, leaves the read models as they were.
 *
 * With `salvage` (after bounded retries of a batch PostgreSQL refuses), each part is written in a savepoint of
 * its own: what PostgreSQL refuses is left out and recorded as a dead letter (which part, why — never the values),
 * everything else is written, so one bad value never blocks a case.
 *
 * Last, in the same transaction, the case's readiness summary is written again from what is now there.
 */
@Injectable()
export class DetentionProjector {
  constructor(private readonly dataSource: DataSource) {}

  apply(given: ProjectionBatch, { salvage = false } = {}): Promise<ProjectionResult> {
    // PostgreSQL refuses NUL and lone surrogates in text and jsonb: one such value must not block a case for good.
    const batch = storable(given);
    return this.dataSource.transaction(async (tx) => {
      const rows: { projected_seq: number }[] = await tx.query(
        'SELECT projected_seq FROM detentions WHERE id = $1 FOR UPDATE',
        [batch.detentionId],
      );
      if (!rows.length) throw new Error(`detention ${batch.detentionId} has no read model row yet`);
      const parts = partsOf(batch, batch.seq >= rows[0].projected_seq);
      if (!salvage) {
        for (const part of parts) await part.write(tx);
        await refreshReadinessSummary(tx, batch.detentionId);
        return { deadLetters: [] };
      }
      const deadLetters: DeadLetter[] = [];
      for (const part of parts) {
        await tx.query('SAVEPOINT projection_part');
        try {
          await part.write(tx);
          await tx.query('RELEASE SAVEPOINT projection_part');
        } catch (error) {
          if (!isRefusedValue(error)) throw error;
          await tx.query('ROLLBACK TO SAVEPOINT projection_part');
          deadLetters.push({ kind: part.kind, key: part.key, reason: refusal(error) });
        }
      }
      for (const letter of deadLetters) {
        await tx.query(
          `INSERT INTO projection_dead_letters (detention_id, seq, kind, item_key, reason)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (detention_id, seq, kind, item_key) DO NOTHING`,
          [batch.detentionId, batch.seq, letter.kind, letter.key, letter.reason],
        );
      }
      await refreshReadinessSummary(tx, batch.detentionId);
      return { deadLetters };
    });
  }
}

function partsOf(batch: ProjectionBatch, newest: boolean): Part[] {
  const { detentionId } = batch;
  return [
    ...batch.events.map((e): Part => ({
      kind: 'event',
      key: String(e.seq),
      write: (tx) => writeEvent(tx, detentionId, e),
    })),
    ...batch.tasks.map((t): Part => ({ kind: 'task', key: t.id, write: (tx) => writeTask(tx, t) })),
    ...batch.requests.map((r): Part => ({ kind: 'request', key: r.id, write: (tx) => writeRequest(tx, r) })),
    ...batch.disclosures.map((d): Part => ({
      kind: 'disclosure',
      key: d.key,
      write: (tx) => writeDisclosure(tx, detentionId, d),
    })),
    ...(newest ? [{ kind: 'detention', key: detentionId, write: (tx) => writeSnapshot(tx, batch) } as Part] : []),
  ];
}

/** Why PostgreSQL refused a part: its error code, constraint and column — never the values themselves. */
function refusal(error: unknown): string {
  const { code, constraint, column } = error as { code?: string; constraint?: string; column?: string };
  return [`SQLSTATE ${code}`, constraint && `constraint ${constraint}`, column && `column ${column}`]
    .filter(Boolean)
    .join(', ');
}
