import { addDays, amsterdamDate, amsterdamInstant, type CalendarDate } from '@terugkeer/domain';
import type { DataSource } from 'typeorm';
import { digestMail, type DigestLine } from './mail-text';
import type { Notification } from './urgent-work';

/**
 * The daily digest, due from `hour` (Europe/Amsterdam): per organisation and role, the cases with work that is
 * not urgent — new tasks and reminders of overdue ones — since the previous digest. Follow-up tasks are urgent
 * and mailed at once, not again here. Undefined before the hour, or when there is nothing new.
 */
export async function dailyDigest(
  dataSource: DataSource,
  now: Date,
  hour: number,
  baseUrl: string,
): Promise<Notification[]> {
  const today: CalendarDate = amsterdamDate(now.getTime());
  const at = (date: CalendarDate) => new Date(amsterdamInstant(date, `${String(hour).padStart(2, '0')}:00`));
  const until = at(today);
  if (now < until) return [];
  const from = at(addDays(today, -1));
  const rows: (DigestLine & { org: string; role: string })[] = await dataSource.query(
    `SELECT t.org, t.role, t.detention_id AS "detentionId", d.case_reference AS "caseReference",
            count(*) FILTER (WHERE t.created_at >= $1 AND t.created_at < $2)::int AS "newTasks",
            count(*) FILTER (WHERE t.reminded_at >= $1 AND t.reminded_at < $2)::int AS reminders
     FROM tasks t JOIN detentions d ON d.id = t.detention_id
     WHERE t.type <> 'request-follow-up' AND t.status IN ('open', 'claimed')
       AND d.erased_at IS NULL AND d.phase <> 'closed'
       AND ((t.created_at >= $1 AND t.created_at < $2) OR (t.reminded_at >= $1 AND t.reminded_at < $2))
     GROUP BY t.org, t.role, t.detention_id, d.case_reference
     ORDER BY t.org, t.role, d.case_reference`,
    [from, until],
  );
  const groups = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.org}\u0000${row.role}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((lines) => ({
    eventKey: `digest:${today}:${lines[0].org}:${lines[0].role}`,
    kind: 'digest' as const,
    org: lines[0].org,
    roles: [lines[0].role],
    detentionIds: lines.map((l) => l.detentionId),
    text: digestMail(today, lines, baseUrl),
  }));
}
