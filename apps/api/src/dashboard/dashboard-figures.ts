import {
  BASIC_CONDITIONS,
  CONDITION_STATUSES,
  MEASUREMENT_MOMENTS,
  OPEN_TASK_STATUSES,
  STAY_SEGMENT_BOUNDS,
  STAY_SEGMENTS,
  type CalendarDate,
} from '@terugkeer/domain';
import { Brackets, type DataSource } from 'typeorm';
import type { SqlScope } from '../common/scope';

// The dashboard's figures as aggregates in PostgreSQL, one query per kind, within the caller's scope (`d`): no row
// of a case, a task or a request comes to the API. What was arranged by release is in each case's readiness
// summary (`release_*` columns, written with every projection: libs/persistence/src/readiness-summary.ts).

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
const sqlList = (values: readonly string[]) => `(${values.map((v) => `'${v}'`).join(', ')})`;
const OPEN = sqlList(OPEN_TASK_STATUSES);
const NOTICES = sqlList(['detention-start-notice', 'release-notice']);
const MEETINGS = sqlList(['trajectory-meeting', 'exit-meeting']);
/** The stay segment (readiness.ts `staySegment`) from its bounds, in SQL. */
const STAY = 'COALESCE(d.actual_release_date, d.expected_release_date) - d.intake_date';
const SEGMENT = `CASE WHEN ${STAY} IS NULL THEN 'unknown' ${STAY_SEGMENT_BOUNDS.map(
  ([most, name]) => `WHEN ${STAY} <= ${most} THEN '${name}'`,
).join(' ')} ELSE '${STAY_SEGMENTS[STAY_SEGMENTS.length - 2]}' END`;
const outcome = (column: string) => `count(*) FILTER (WHERE d.${column})::int`;

interface CaseCounts {
  detentions: number;
  detained: number;
  aftercare: number;
  closed: number;
  releases: number;
  validId: number;
  housing: number;
  incomeDecided: number;
  insuranceResumed: number;
}
const COUNTS: (keyof CaseCounts)[] = [
  'detentions',
  'detained',
  'aftercare',
  'closed',
  'releases',
  'validId',
  'housing',
  'incomeDecided',
  'insuranceResumed',
];

const releaseFigures = (c: CaseCounts) => ({
  releases: c.releases,
  validId: share(c.validId, c.releases),
  housing: share(c.housing, c.releases),
  incomeApplicationDecided: share(c.incomeDecided, c.releases),
  insuranceResumed: share(c.insuranceResumed, c.releases),
});
const segment = (c: CaseCounts) => ({ detentions: c.detentions, detained: c.detained, ...releaseFigures(c) });

function sum(rows: CaseCounts[]): CaseCounts {
  const total = Object.fromEntries(COUNTS.map((k) => [k, 0])) as unknown as CaseCounts;
  for (const row of rows) for (const k of COUNTS) total[k] += row[k];
  return total;
}

function bySegment(rows: (CaseCounts & { key: string })[], keys?: readonly string[]) {
  const groups = new Map<string, CaseCounts[]>();
  for (const row of rows) groups.set(row.key, [...(groups.get(row.key) ?? []), row]);
  return Object.fromEntries(
    (keys ?? [...groups.keys()].sort()).filter((k) => groups.has(k)).map((k) => [k, segment(sum(groups.get(k)!))]),
  );
}

/** The cases: by phase, releases and what was arranged by them, per length of stay and municipality. */
async function cases(dataSource: DataSource, scope: SqlScope) {
  const rows: (CaseCounts & {
    municipality: string;
    segment: string;
    measurements: Partial<Record<string, Record<string, unknown>>> | null;
  })[] = await dataSource
    .createQueryBuilder()
    .select('d.municipality', 'municipality')
    .addSelect(SEGMENT, 'segment')
    .addSelect('count(*)::int', 'detentions')
    .addSelect(`count(*) FILTER (WHERE d.phase = 'detained')::int`, 'detained')
    .addSelect(`count(*) FILTER (WHERE d.phase = 'aftercare')::int`, 'aftercare')
    .addSelect(`count(*) FILTER (WHERE d.phase = 'closed')::int`, 'closed')
    .addSelect('count(*) FILTER (WHERE d.actual_release_date IS NOT NULL)::int', 'releases')
    .addSelect(outcome('release_valid_id'), 'validId')
    .addSelect(outcome('release_housing'), 'housing')
    .addSelect(outcome('release_income_decided'), 'incomeDecided')
    .addSelect(outcome('release_insurance_resumed'), 'insuranceResumed')
    // Grouped by the measurements too (a few hundred combinations): the outcome figures come from the same pass.
    .addSelect('d.measurements', 'measurements')
    .from('detentions', 'd')
    .where(scope.where, scope.params)
    .groupBy(`d.municipality, ${SEGMENT}, d.measurements`)
    .getRawMany();
  const all = sum(rows);
  return {
    detentions: { total: all.detentions, detained: all.detained, aftercare: all.aftercare, closed: all.closed },
    releases: releaseFigures(all),
    segments: {
      lengthOfStay: bySegment(
        rows.map((r) => ({ ...r, key: r.segment })),
        STAY_SEGMENTS,
      ),
      municipality: bySegment(rows.map((r) => ({ ...r, key: r.municipality }))),
    },
    outcomes: outcomes(rows),
  };
}

/** The outcome measurement: per moment and condition, how many cases have each status. */
function outcomes(
  rows: { detentions: number; measurements: Partial<Record<string, Record<string, unknown>>> | null }[],
) {
  const counts = Object.fromEntries(
    MEASUREMENT_MOMENTS.map((m) => [
      m,
      Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, Object.fromEntries(CONDITION_STATUSES.map((s) => [s, 0]))])),
    ]),
  ) as Record<string, Record<string, Record<string, number>>>;
  for (const row of rows) {
    for (const m of MEASUREMENT_MOMENTS) {
      const measured = row.measurements?.[m];
      if (!measured || typeof measured !== 'object') continue;
      for (const c of BASIC_CONDITIONS) {
        const status = measured[c];
        if (typeof status === 'string' && status in counts[m][c]) counts[m][c][status] += row.detentions;
      }
    }
  }
  return counts;
}

/**
 * A task's or request's case in scope: every row for a national supervisor (no join then: at 300,000 cases the
 * hash of every detention costs more than the count), else its detention in the scope.
 */
const inScope = (scope: SqlScope, alias: string) =>
  new Brackets((qb) => {
    if (scope.everything) qb.where('TRUE');
    else
      qb.where(
        `EXISTS (SELECT 1 FROM detentions d WHERE d.id = ${alias}.detention_id AND ${scope.where})`,
        scope.params,
      );
  });

/** Open, overdue and escalated tasks; trajectory and exit meetings due and held on time. */
async function tasks(dataSource: DataSource, scope: SqlScope, today: CalendarDate) {
  const open = `t.status IN ${OPEN}`;
  const meeting = `t.type IN ${MEETINGS}`;
  const row: { open: number; overdue: number; escalated: number; due: number; heldOnTime: number } = (await dataSource
    .createQueryBuilder()
    .select(`count(*) FILTER (WHERE ${open})::int`, 'open')
    .addSelect(`count(*) FILTER (WHERE ${open} AND t.due_date < CAST(:today AS date))::int`, 'overdue')
    .addSelect(`count(*) FILTER (WHERE ${open} AND t.escalated_at IS NOT NULL)::int`, 'escalated')
    .addSelect(
      `count(*) FILTER (WHERE ${meeting} AND (t.status = 'done' OR t.due_date <= CAST(:today AS date)))::int`,
      'due',
    )
    .addSelect(
      `count(*) FILTER (WHERE ${meeting} AND t.status = 'done' AND t.outcome = 'held' AND (t.due_date IS NULL
           OR (t.completed_at AT TIME ZONE 'Europe/Amsterdam')::date <= t.due_date))::int`,
      'heldOnTime',
    )
    .from('tasks', 't')
    .innerJoin('detentions', 'd', 'd.id = t.detention_id')
    .where(scope.where, { ...scope.params, today })
    .andWhere(`(${open} OR ${meeting})`)
    .getRawOne())!;
  return {
    tasks: { open: row.open, overdue: row.overdue, escalated: row.escalated },
    trajectoryMeetings: { due: row.due, heldOnTime: row.heldOnTime, onTimeShare: share(row.heldOnTime, row.due) },
  };
}

/** Per partner: requests (notices aside), open and closed, loop closure, median hours to acknowledge, failures. */
async function partners(dataSource: DataSource, scope: SqlScope) {
  const rows: {
    partnerId: string;
    requests: number;
    counted: number;
    closed: number;
    median: number | null;
    failed: number;
  }[] = await dataSource
    .createQueryBuilder()
    .select('r.partner_id', 'partnerId')
    .addSelect('count(*)::int', 'requests')
    .addSelect(`count(*) FILTER (WHERE r.status <> 'withdrawn')::int`, 'counted')
    .addSelect(`count(*) FILTER (WHERE r.status IN ('completed', 'declined'))::int`, 'closed')
    .addSelect(
      `percentile_cont(0.5) WITHIN GROUP
         (ORDER BY extract(epoch FROM r.acknowledged_at - COALESCE(r.delivered_at, r.sent_at)) / 3600)`,
      'median',
    )
    .addSelect(`count(*) FILTER (WHERE r.delivery IN ('failed', 'rejected'))::int`, 'failed')
    .from('requests', 'r')
    .where(`r.type NOT IN ${NOTICES}`)
    .andWhere(inScope(scope, 'r'))
    .groupBy('r.partner_id')
    .getRawMany();
  rows.sort((a, b) => String(a.partnerId).localeCompare(String(b.partnerId)));
  return rows.map((r) => ({
    partnerId: r.partnerId,
    requests: r.requests,
    open: r.counted - r.closed,
    closed: r.closed,
    loopClosureRate: share(r.closed, r.counted),
    medianHoursToAcknowledge: r.median === null ? null : Math.round(Number(r.median) * 10) / 10,
    failedDeliveries: r.failed,
  }));
}

/** Every figure of the dashboard, the queries side by side. */
export async function dashboardFigures(dataSource: DataSource, scope: SqlScope, today: CalendarDate) {
  const [c, t, p] = await Promise.all([
    cases(dataSource, scope),
    tasks(dataSource, scope, today),
    partners(dataSource, scope),
  ]);
  return {
    detentions: c.detentions,
    releases: c.releases,
    ...t,
    partners: p,
    segments: c.segments,
    outcomes: c.outcomes,
  };
}
