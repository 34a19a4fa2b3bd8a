import { Injectable } from '@nestjs/common';
import type { Principal } from '@terugkeer/auth';
import {
  amsterdamDate,
  BASIC_CONDITIONS,
  caseConditions,
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
import { DetentionEntity, TaskEntity } from '@terugkeer/persistence';
import { DataSource, In } from 'typeorm';
import { countOf } from '../common/count';
import { byDetention, conditionEvidence } from '../common/page-evidence';
import { detentionScope, seesAllConditions } from '../common/scope';
import { searchSql } from '../common/search';
import { SharedConditions } from '../common/shared-conditions';
import { dashboardFigures } from './dashboard-figures';
import type { DashboardQuery } from './dashboard.responses';

const OPEN = `(${OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const DAYS = 'd.expected_release_date - CAST(:today AS date)';

/**
 * The board's ranking in SQL: `releaseRisk` of the lights the reader sees, plus the case's open escalated tasks
 * (`e`). The weight of the lights is the case's readiness summary at one of its two moments — within URGENT_DAYS of
 * release, or before — for a reader who sees every condition or one who sees what is shared (readiness-summary.ts);
 * a case without a summary yet weighs as three ambers.
 */
const WEIGHT = (moment: 'normal' | 'urgent') =>
  `CASE WHEN :seesAll THEN d.board_weight_${moment} ELSE d.board_weight_shared_${moment} END`;
const RISK = `COALESCE(CASE WHEN ${DAYS} <= ${URGENT_DAYS} THEN ${WEIGHT('urgent')} ELSE ${WEIGHT('normal')} END,
    ${RISK_CONDITIONS.length * RISK_WEIGHT.amber})
  * CASE WHEN d.expected_release_date IS NULL THEN 1 WHEN ${DAYS} <= ${URGENT_DAYS} THEN 3
      WHEN ${DAYS} <= ${SOON_DAYS} THEN 2 ELSE 1 END
  + COALESCE(e.n, 0)`;
const ESCALATED = `(SELECT detention_id, count(*)::int AS n FROM tasks
    WHERE escalated_at IS NOT NULL AND status IN ${OPEN} GROUP BY detention_id)`;

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
    const conditions = [scope.where, `d.phase = 'detained'`];
    let params = { ...scope.params };
    if (query.q) {
      const search = searchSql(query.q);
      conditions.push(search.where);
      params = { ...params, ...search.params };
    }
    const qb = this.dataSource
      .getRepository(DetentionEntity)
      .createQueryBuilder('d')
      .where(conditions.join(' AND '), params);
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT d.id, ${RISK} AS risk FROM detentions d LEFT JOIN ${ESCALATED} e ON e.detention_id = d.id
        WHERE ${conditions.join(' AND ')}
        ORDER BY risk DESC, d.expected_release_date ASC NULLS LAST, d.id ASC
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      { ...params, today, seesAll: seesAllConditions(principal) },
      {},
    );
    const [ranked, count] = await Promise.all([
      this.dataSource.query(sql, values) as Promise<{ id: string }[]>,
      countOf(qb),
    ]);
    const ids = ranked.map((r) => r.id);
    const rows = await this.rowsOf(principal, ids, today);
    return {
      // In the ranked order; a case that left scope between the two reads is left out.
      readiness: ids.flatMap((id) => rows.get(id) ?? []),
      page: query.page,
      pageSize: query.pageSize,
      ...count,
    };
  }

  /** The board's rows of one page: each case's five conditions by the one rule, from its own requests and checks. */
  private async rowsOf(principal: Principal, ids: string[], today: CalendarDate) {
    if (!ids.length) return new Map<string, never>();
    const [detentions, { requestsOf, checksOf }, open] = await Promise.all([
      this.dataSource.getRepository(DetentionEntity).find({ where: { id: In(ids) } }),
      conditionEvidence(this.dataSource, ids),
      this.dataSource.getRepository(TaskEntity).find({
        where: { detentionId: In(ids), status: In([...OPEN_TASK_STATUSES]) },
        select: { detentionId: true, dueDate: true, escalatedAt: true },
      }),
    ]);
    const openOf = byDetention(open);
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
