import {
  addDays,
  amsterdamDate,
  BASIC_CONDITIONS,
  CONDITION_REQUEST,
  conditionStatus,
  daysBetween,
  URGENT_DAYS,
  type CalendarDate,
  type Consent,
  type Needs,
  type RequestStatus,
} from '@terugkeer/domain';
import type { DataSource } from 'typeorm';
import { urgentMail, type MailText } from './mail-text';

/** A notification for the mailboxes of one organisation's roles, once per `eventKey`. */
export interface Notification {
  eventKey: string;
  kind: 'urgent' | 'digest';
  org: string;
  roles: string[];
  detentionIds: string[];
  text: MailText;
}

/** Urgent work older than this is not mailed any more (a worker that was down a week mails what is current). */
const WINDOW_DAYS = 7;

interface FollowUpRow {
  id: string;
  detentionId: string;
  caseReference: string | null;
  role: string;
  org: string;
  requestStatus: string | null;
}

/**
 * New urgent work, from the read models (what the workflow projected): follow-up tasks raised by a declined
 * request or by an escalation (a request not acknowledged in time, a missed partner term, an undeliverable
 * request), tasks escalated to the supervisor, releases within 14 days with a condition not arranged — and
 * registrations whose workflow Temporal refused to start (there is no workflow to raise a task for them).
 */
export async function urgentWork(dataSource: DataSource, now: Date, baseUrl: string): Promise<Notification[]> {
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const live = `d.erased_at IS NULL AND d.phase <> 'closed'`;
  const followUps: FollowUpRow[] = await dataSource.query(
    `SELECT t.id, t.detention_id AS "detentionId", d.case_reference AS "caseReference", t.role, t.org,
            r.status AS "requestStatus"
     FROM tasks t JOIN detentions d ON d.id = t.detention_id
     LEFT JOIN requests r ON r.id::text = t.context ->> 'requestId'
     WHERE t.type = 'request-follow-up' AND t.status IN ('open', 'claimed') AND t.created_at >= $1 AND ${live}`,
    [since],
  );
  const escalated: FollowUpRow[] = await dataSource.query(
    `SELECT t.id, t.detention_id AS "detentionId", d.case_reference AS "caseReference", t.role, t.org
     FROM tasks t JOIN detentions d ON d.id = t.detention_id
     WHERE t.escalated_at >= $1 AND t.status IN ('open', 'claimed') AND ${live}`,
    [since],
  );
  return [
    ...followUps.map((t) => ({
      eventKey: `follow-up-task:${t.id}`,
      kind: 'urgent' as const,
      org: t.org,
      roles: [t.role],
      detentionIds: [t.detentionId],
      text: urgentMail(t.requestStatus === 'declined' ? 'declined' : 'escalation', t, baseUrl),
    })),
    ...escalated.map((t) => ({
      eventKey: `task-escalated:${t.id}`,
      kind: 'urgent' as const,
      org: t.org,
      roles: [t.role, 'supervisor'],
      detentionIds: [t.detentionId],
      text: urgentMail('task-escalated', t, baseUrl),
    })),
    ...(await releasesNotReady(dataSource, now, baseUrl)),
    ...(await refusedStarts(dataSource, since, baseUrl)),
  ];
}

/** The prison's casemanagers and supervisors hear, once per refusal (one after a retry is news again). */
async function refusedStarts(dataSource: DataSource, since: Date, baseUrl: string): Promise<Notification[]> {
  const rows: { detentionId: string; prison: string; refusedAt: Date }[] = await dataSource.query(
    `SELECT id AS "detentionId", prison, workflow_start_refused_at AS "refusedAt" FROM detentions
     WHERE workflow_started_at IS NULL AND workflow_start_refused_at >= $1 AND erased_at IS NULL`,
    [since],
  );
  return rows.map((d) => ({
    eventKey: `workflow-refused:${d.detentionId}:${new Date(d.refusedAt).getTime()}`,
    kind: 'urgent' as const,
    org: d.prison,
    roles: ['casemanager', 'supervisor'],
    detentionIds: [d.detentionId],
    text: urgentMail('workflow-refused', { detentionId: d.detentionId, caseReference: null }, baseUrl),
  }));
}

interface DetentionRow {
  id: string;
  caseReference: string | null;
  prison: string;
  municipality: string;
  expectedReleaseDate: CalendarDate;
  screeningCompletedDate: CalendarDate | null;
  idDocumentExpiry: CalendarDate | null;
  needs: Needs;
  consent: Consent;
}

/**
 * Detentions released within 14 days with a red basic condition (the dashboard's traffic light): the prison and
 * the municipality hear, once per expected release date (a new date is news again). Only once the workflow has
 * projected the case (its plan and requests are known, and its case reference).
 */
async function releasesNotReady(dataSource: DataSource, now: Date, baseUrl: string): Promise<Notification[]> {
  const today = amsterdamDate(now.getTime());
  const rows: DetentionRow[] = await dataSource.query(
    `SELECT id, case_reference AS "caseReference", prison, municipality,
            to_char(expected_release_date, 'YYYY-MM-DD') AS "expectedReleaseDate",
            to_char(screening_completed_date, 'YYYY-MM-DD') AS "screeningCompletedDate",
            to_char(id_document_expiry, 'YYYY-MM-DD') AS "idDocumentExpiry", needs, consent
     FROM detentions
     WHERE phase = 'detained' AND erased_at IS NULL AND expected_release_date BETWEEN $1::date AND $2::date
       AND workflow_started_at IS NOT NULL AND case_reference IS NOT NULL`,
    [today, addDays(today, URGENT_DAYS)],
  );
  if (!rows.length) return [];
  const requests: { detentionId: string; type: string; status: string; delivery: string }[] = await dataSource.query(
    `SELECT detention_id AS "detentionId", type, status, delivery FROM requests
     WHERE detention_id = ANY($1::uuid[]) ORDER BY sent_at`,
    [rows.map((r) => r.id)],
  );
  const notifications: Notification[] = [];
  for (const d of rows) {
    const daysToRelease = daysBetween(today, d.expectedReleaseDate);
    const red = BASIC_CONDITIONS.some((c) => {
      const request = requests.filter((r) => r.detentionId === d.id && r.type === CONDITION_REQUEST[c]).at(-1);
      // Before release only the screening, the requests and the ID document count (the one rule of every screen).
      const { status: light } = conditionStatus({
        condition: c,
        needs: d.needs,
        consent: d.consent,
        today,
        screeningCompletedDate: d.screeningCompletedDate,
        expectedReleaseDate: d.expectedReleaseDate,
        actualReleaseDate: null,
        idDocumentExpiry: d.idDocumentExpiry,
        request: request
          ? { status: request.status as RequestStatus, delivery: request.delivery, partnerId: null, changedAt: 0 }
          : null,
        releaseMeasurement: null,
        checks: [],
      });
      return light === 'red';
    });
    if (!red) continue;
    const text = urgentMail(
      'release-soon',
      { detentionId: d.id, caseReference: d.caseReference },
      baseUrl,
      daysToRelease,
    );
    const eventKey = `release-soon:${d.id}:${d.expectedReleaseDate}`;
    notifications.push(
      { eventKey, kind: 'urgent', org: d.prison, roles: ['casemanager'], detentionIds: [d.id], text },
      { eventKey, kind: 'urgent', org: d.municipality, roles: ['municipality'], detentionIds: [d.id], text },
    );
  }
  return notifications;
}
