import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';

/** One entry of the audit log: who did what with which personal data, when and on which basis. */
export interface AuditEntry {
  /** The user or client id (`sub`), or `terugkeer` for what the system does by itself. */
  actor: string;
  role: string;
  org: string;
  /** What happened, e.g. `read:detention`, `read:inbox`, `decode:codec`, `disclose:attempt`, `change:partner`. */
  action: string;
  /** The detentions concerned (none for, say, a partner-registry change). */
  detentionIds: string[];
  /** The fields or categories of data concerned. */
  fields: string[];
  /** The legal basis the access or disclosure rests on. */
  basis: string;
  /** The HTTP request id, or the id of the partner request for a disclosure. */
  requestId?: string;
  /** What was acted on besides detentions: a partner id, a path. */
  target?: string;
  /** For attempts: how it ended (`delivered 200`, `refused 410`, `unavailable`). */
  outcome?: string;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: string;
}

/**
 * The exact text that is hashed and stored: fixed key order, so that the verifier can recompute it. Optional
 * fields are left out when absent.
 */
export function canonicalEntry(at: Date, entry: AuditEntry): string {
  return JSON.stringify({
    at: at.toISOString(),
    actor: entry.actor,
    role: entry.role,
    org: entry.org,
    action: entry.action,
    detentionIds: entry.detentionIds,
    fields: entry.fields,
    basis: entry.basis,
    requestId: entry.requestId,
    target: entry.target,
    outcome: entry.outcome,
  });
}

/** The chain: sha256 of `<previous hash>|<seq>|<entry>` — the same formula as the database's `audit_append`. */
export function chainHash(previous: string, seq: number | string, entry: string): string {
  return createHash('sha256').update(`${previous}|${seq}|${entry}`, 'utf8').digest('hex');
}

export const GENESIS = 'genesis';

/** How many queued entries one statement appends at most. */
const BATCH = 500;

interface Queued {
  entry: AuditEntry;
  at: Date;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Appends to the audit log (append-only and hash-chained in the database, see migrations AuditLog, AuditChains).
 * Entries outside a transaction of the caller are appended together: while one statement is on its way, the
 * entries that come in wait and go as the next one — one commit (one WAL flush) for many audited reads instead
 * of one each. Every caller still waits until its own entry is committed (or gets the error), so no answer
 * leaves before it is on record.
 */
@Injectable()
export class AuditLog {
  private readonly queue: Queued[] = [];
  private flushing = false;

  constructor(private readonly dataSource: DataSource) {}

  /** `manager`: a transaction the entry belongs to (it is written only if that commits); else the pool. */
  async append(entry: AuditEntry, at = new Date(), manager?: EntityManager): Promise<number> {
    if (manager) return (await this.appendAll(manager, [{ entry, at }]))[0];
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ entry, at, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, BATCH);
        try {
          const seqs = await this.appendAll(this.dataSource.manager, batch);
          batch.forEach((queued, i) => queued.resolve(seqs[i]));
        } catch (error) {
          for (const queued of batch) queued.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** One statement, so one transaction: `audit_append` per entry, in the order given; their sequence numbers. */
  private async appendAll(manager: EntityManager, entries: { entry: AuditEntry; at: Date }[]): Promise<number[]> {
    const rows = entries.map(({ entry, at }) => ({
      at: at.toISOString(),
      actor: entry.actor,
      role: entry.role,
      org: entry.org,
      action: entry.action,
      ids: unique(entry.detentionIds),
      entry: canonicalEntry(at, entry),
    }));
    const result: { i: string; seq: string }[] = await manager.query(
      `SELECT x.i, audit_append((x.e ->> 'at')::timestamptz, x.e ->> 'actor', x.e ->> 'role', x.e ->> 'org',
                                x.e ->> 'action', ARRAY(SELECT jsonb_array_elements_text(x.e -> 'ids'))::uuid[],
                                x.e ->> 'entry') AS seq
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, i)
        ORDER BY x.i`,
      [JSON.stringify(rows)],
    );
    const seqs: number[] = [];
    for (const row of result) seqs[Number(row.i) - 1] = Number(row.seq);
    return seqs;
  }

  /** The entries about one detention, oldest first. */
  async forDetention(detentionId: string, limit = 1000): Promise<AuditRecord[]> {
    const rows: { seq: string; entry: string }[] = await this.dataSource.query(
      `SELECT seq, entry FROM audit_log WHERE detention_ids @> ARRAY[$1::uuid] ORDER BY seq LIMIT $2`,
      [detentionId, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), ...(JSON.parse(r.entry) as AuditEntry & { at: string }) }));
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  head: string;
  problems: string[];
  /** How many chains the log holds. */
  chains: number;
}

/**
 * Walks the log in sequence order and recomputes every hash, following each row's chain (see migration
 * AuditChains): a changed entry or column, an inserted or a removed row, a row moved to another chain shows as a
 * broken link. Removing the newest rows of a chain leaves a shorter valid chain: compare `head` (one hash over the
 * newest hash of every chain) with the one printed earlier (or kept elsewhere) to detect that.
 */
export async function verifyAuditLog(dataSource: DataSource, batch = 5000): Promise<AuditVerification> {
  const problems: string[] = [];
  const heads = new Map<number, string>();
  let after = -1;
  let rows = 0;
  for (;;) {
    const page: AuditRow[] = await dataSource.query(`SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [
      after,
      batch,
    ]);
    if (page.length === 0) break;
    for (const row of page) {
      rows++;
      const chain = Number(row.chain ?? 0);
      if (row.prev_hash !== (heads.get(chain) ?? GENESIS))
        problems.push(`row ${row.seq}: does not follow the row before it (removed or inserted)`);
      if (chainHash(row.prev_hash, row.seq, row.entry) !== row.hash) problems.push(`row ${row.seq}: entry altered`);
      problems.push(...columnProblems(row));
      heads.set(chain, row.hash);
      after = Number(row.seq);
    }
  }
  return { ok: problems.length === 0, rows, head: headOf(heads), problems, chains: heads.size };
}

/** One hash for the newest row of every chain: the chain's own head while there is one chain, as before. */
function headOf(heads: Map<number, string>): string {
  if (heads.size === 0) return GENESIS;
  if (heads.size === 1 && heads.has(0)) return heads.get(0)!;
  const list = [...heads.entries()].sort(([a], [b]) => a - b).map(([chain, hash]) => `${chain}:${hash}`);
  return createHash('sha256').update(list.join('|'), 'utf8').digest('hex');
}

/** A row of `audit_log` as the driver returns it. */
interface AuditRow {
  seq: string;
  /** Absent before migration AuditChains. */
  chain?: number;
  at: Date;
  actor: string;
  role: string;
  org: string;
  action: string;
  detention_ids: string[];
  entry: string;
  prev_hash: string;
  hash: string;
}

function columnProblems(row: AuditRow): string[] {
  let entry: AuditEntry & { at: string };
  try {
    entry = JSON.parse(row.entry) as AuditEntry & { at: string };
  } catch {
    return [`row ${row.seq}: entry is not JSON`];
  }
  const same =
    entry.at === new Date(row.at).toISOString() &&
    entry.actor === row.actor &&
    entry.role === row.role &&
    entry.org === row.org &&
    entry.action === row.action &&
    [...new Set(entry.detentionIds)].sort().join() === [...row.detention_ids].sort().join();
  return same ? [] : [`row ${row.seq}: columns differ from the hashed entry`];
}
