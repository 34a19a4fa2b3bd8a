import type { DataSource } from 'typeorm';

/** The API starts the workflow itself right after registering; the relay only picks up what it left this long. */
export const RELAY_GRACE = '10 seconds';
/** Refused starts /health names by id, at most (the count is of all). */
const LISTED = 20;

/** Registrations without their workflow, for operations: no personal data, only counts and detention ids. */
export interface IntakeBacklog {
  /** Past the grace period, waiting for the relay (Temporal did not answer yet). */
  waiting: number;
  /** Refused by Temporal for good: they wait for someone to remove the cause. */
  refused: number;
  /** The refused ones, oldest first, at most 20. */
  refusedDetentionIds: string[];
}

export async function intakeBacklog(dataSource: DataSource): Promise<IntakeBacklog> {
  const [row]: { waiting: number; refused: number; ids: string[] | null }[] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE workflow_start_refused_at IS NULL
                               AND registered_at < now() - interval '${RELAY_GRACE}')::int AS waiting,
            count(*) FILTER (WHERE workflow_start_refused_at IS NOT NULL)::int AS refused,
            (array_agg(id::text ORDER BY workflow_start_refused_at, id)
               FILTER (WHERE workflow_start_refused_at IS NOT NULL))[1:${LISTED}] AS ids
     FROM detentions WHERE workflow_started_at IS NULL`,
  );
  return { waiting: row.waiting, refused: row.refused, refusedDetentionIds: row.ids ?? [] };
}
