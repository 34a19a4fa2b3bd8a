import { Injectable } from '@nestjs/common';
import type { Principal } from '@terugkeer/auth';
import {
  amsterdamDate,
  BASIC_CONDITIONS,
  caseConditions,
  CONDITION_CHECK_TASKS,
  CONDITION_REQUEST,
  daysBetween,
  OPEN_TASK_STATUSES,
  releaseRisk,
  RISK_CONDITIONS,
  RISK_WEIGHT,
  SOON_DAYS,
  URGENT_DAYS,
  type BasicCondition,
  type CalendarDate,
  type Light,
} from '@terugkeer/domain';
import { DetentionEntity, PartnerRequestEntity, TaskEntity } from '@terugkeer/persistence';
import { DataSource, In } from 'typeorm';
import { countOf } from '../common/count';
import { detentionScope, seesAllConditions } from '../common/scope';
import { searchSql } from '../common/search';
import { SharedConditions } from '../common/shared-conditions';
import { dashboardFigures } from './dashboard-figures';
import type { DashboardQuery } from './dashboard.responses';

const OPEN = `(${OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const DAYS = 'd.expected_release_date - CAST(:today AS date)';

/**
 * The board's ranking in SQL: `releaseRisk` of the lights the reader sees (a condition not shared weighs as amber)
 * plus the case's open escalated tasks. The lights at the day are the case's readiness summary at one of its two
 * moments — within URGENT_DAYS of release, or before (readiness-summary.ts); a case without one yet weighs amber.
 */
function riskSql(): string {
  const lights = `CASE WHEN ${DAYS} <= ${URGENT_DAYS} THEN d.board_lights -> 'urgent' ELSE d.board_lights -> 'normal' END`;
  const weight = (c: BasicCondition) =>
    `CASE WHEN NOT (:seesAll OR d.consent ->> '${c}' = 'true') THEN ${RISK_WEIGHT.amber} ELSE CASE (${lights}) ->> '${c}'
       ${(Object.keys(RISK_WEIGHT) as Light[]).map((l) => `WHEN '${l}' THEN ${RISK_WEIGHT[l]}`).join(' ')}
       ELSE ${RISK_WEIGHT.amber} END END`;
  const urgency = `CASE WHEN d.expected_release_date IS NULL THEN 1 WHEN ${DAYS} <= ${URGENT_DAYS} THEN 3
    WHEN ${DAYS} <= ${SOON_DAYS} THEN 2 ELSE 1 END`;
  const escalated = `(SELECT count(*) FROM tasks e WHERE e.detention_id = d.id AND e.escalated_at IS NOT NULL
    AND e.status IN ${OPEN})`;
  return `(${RISK_CONDITIONS.map(weight).join(' + ')}) * ${urgency} + ${escalated}`;
}
const RISK = riskSql();

const group = <T extends { detentionId: string }>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(r.detentionId, [...(map.get(r.detentionId) ?? []), r]);
  return map;
};

/**
 * The supervisor's readiness board and outcome figures within the caller's scope: one page of the detentions in
 * prison, riskiest first (ranked in SQL, then each row's five conditions by the one rule, `caseConditions`, from
 * its own requests and checks), and the figures of the chain as aggregates in PostgreSQL (dashboard-figures.ts).
 * No request reads every row in scope: at national scale that is 300,000 cases (README, Performance).
 */
@Injectable()
export class DashboardService {
  constructor(private readonly dataSource: DataSource) {}

  async dashboard(principal: Principal, query: DashboardQuery) {
    const today = amsterdamDate(Date.now());
    // Erased cases (retention) still count in the figures: what is left of them is anonymous. They are closed, so
    // never on the readiness board, which names people.
    const [board, figures] = await Promise.all([
      this.board(principal, query, today),
      dashboardFigures(this.dataSource, detentionScope(principal, { withErased: true }), today),
    ]);
    return { scope: principal.org, generatedAt: new Date().toISOString(), ...board, figures };
  }

  private async board(principal: Principal, query: DashboardQuery, today: CalendarDate) {
    const scope = detentionScope(principal);
    const qb = this.dataSource
      .getRepository(DetentionEntity)
      .createQueryBuilder('d')
      .where(scope.where, scope.params)
      .andWhere(`d.phase = 'detained'`);
    if (query.q) {
      const search = searchSql(query.q);
      qb.andWhere(search.where, search.params);
    }
    const [ranked, count] = await Promise.all([
      qb
        .clone()
        .select('d.id', 'id')
        .addSelect(RISK, 'risk')
        .setParameters({ today, seesAll: seesAllConditions(principal) })
        .orderBy('risk', 'DESC')
        .addOrderBy('d.expected_release_date', 'ASC', 'NULLS LAST')
        .addOrderBy('d.id', 'ASC')
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getRawMany<{ id: string }>(),
      countOf(qb),
    ]);
    const ids = ranked.map((r) => r.id);
    const rows = await this.rowsOf(principal, ids, today);
    return {
      readiness: ids.map((id) => rows.get(id)!).filter(Boolean),
      page: query.page,
      pageSize: query.pageSize,
      ...count,
    };
  }

  /** The board's rows of one page: each case's five conditions by the one rule, from its own requests and checks. */
  private async rowsOf(principal: Principal, ids: string[], today: CalendarDate) {
    if (!ids.length) return new Map<string, never>();
    const [detentions, requests, checks, open] = await Promise.all([
      this.dataSource.getRepository(DetentionEntity).find({ where: { id: In(ids) } }),
      // The latest request of each condition's type per detention (requests_detention index).
      this.dataSource
        .getRepository(PartnerRequestEntity)
        .createQueryBuilder('r')
        .distinctOn(['r.detention_id', 'r.type'])
        .where('r.detention_id IN (:...ids)', { ids })
        .andWhere('r.type IN (:...types)', { types: Object.values(CONDITION_REQUEST) })
        .orderBy('r.detention_id')
        .addOrderBy('r.type')
        .addOrderBy('r.sent_at', 'DESC')
        .getMany(),
      this.dataSource.getRepository(TaskEntity).find({
        where: { detentionId: In(ids), type: In([...CONDITION_CHECK_TASKS]), status: 'done' },
        select: { detentionId: true, type: true, status: true, data: true, completedAt: true },
      }),
      this.dataSource.getRepository(TaskEntity).find({
        where: { detentionId: In(ids), status: In([...OPEN_TASK_STATUSES]) },
        select: { detentionId: true, dueDate: true, escalatedAt: true },
      }),
    ]);
    const requestsOf = group(requests);
    const checksOf = group(checks);
    const openOf = group(open);
    return new Map(
      detentions.map((d) => {
        const daysToRelease = d.expectedReleaseDate ? daysBetween(today, d.expectedReleaseDate) : null;
        // One truth per condition (the detention page says the same); the chain sees a light only with consent.
        const conditions = caseConditions(
          d,
          SharedConditions.for(principal, d),
          { requests: requestsOf.get(d.id) ?? [], tasks: checksOf.get(d.id) ?? [] },
          today,
        );
        const lights = Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, conditions[c].status])) as Record<
          BasicCondition,
          Light | null
        >;
        // What is not shared weighs as "not known to be arranged".
        const weighed = Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, lights[c] ?? 'amber'])) as Record<
          BasicCondition,
          Light
        >;
        const tasks = openOf.get(d.id) ?? [];
        const escalated = tasks.filter((t) => t.escalatedAt !== null).length;
        return [
          d.id,
          {
            detentionId: d.id,
            caseReference: d.caseReference,
            personName: d.personName,
            prison: d.prison,
            municipality: d.municipality,
            intakeDate: d.intakeDate,
            expectedReleaseDate: d.expectedReleaseDate,
            daysToRelease,
            conditions: lights,
            risk: releaseRisk(weighed, daysToRelease) + escalated,
            overdueTasks: tasks.filter((t) => t.dueDate !== null && t.dueDate < today).length,
            escalatedTasks: escalated,
          },
        ];
      }),
    );
  }
}
