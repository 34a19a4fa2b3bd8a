import { Injectable } from '@nestjs/common';
import type { Principal } from '@terugkeer/auth';
import { caseConditions, addDays, amsterdamDate, daysBetween, missingConditions } from '@terugkeer/domain';
import { DetentionEntity } from '@terugkeer/persistence';
import { DataSource } from 'typeorm';
import { detentionScope } from '../common/scope';
import { countOf } from '../common/count';
import { conditionEvidence } from '../common/page-evidence';
import { searchSql } from '../common/search';
import { SharedConditions } from '../common/shared-conditions';
import { TasksService } from '../tasks/tasks.service';
import type { ReadinessPageDto, ReadinessQuery } from './readiness.dtos';

/**
 * Releases coming up within the caller's scope, and per release what is not arranged: the five basic conditions
 * as the one rule decides them (`caseConditions`, the same as the detention page and the dashboard), consent
 * filtered, with the caller's open and overdue tasks on the case. One page of detentions at a time; the related
 * rows are read for that page only.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
  ) {}

  async list(principal: Principal, query: ReadinessQuery): Promise<ReadinessPageDto> {
    const today = amsterdamDate(Date.now());
    const scope = detentionScope(principal);
    const qb = this.dataSource
      .getRepository(DetentionEntity)
      .createQueryBuilder('d')
      .where(scope.where, scope.params)
      // Still inside; a date already passed without a recorded release is the most urgent of all.
      .andWhere(`d.phase = 'detained' AND d.actual_release_date IS NULL AND d.ended_reason IS NULL`)
      .andWhere('d.expected_release_date <= :until', { until: addDays(today, query.releaseWithinDays) });
    if (query.q) {
      const search = searchSql(query.q);
      qb.andWhere(search.where, search.params);
    }
    // In the order of the detentions_upcoming indexes (migration ReadinessSearch).
    const [rows, count] = await Promise.all([
      qb
        .clone()
        .orderBy('d.expectedReleaseDate', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize)
        .getMany(),
      countOf(qb),
    ]);

    const ids = rows.map((d) => d.id);
    const [{ requestsOf, checksOf }, counts] = await Promise.all([
      conditionEvidence(this.dataSource, ids),
      ids.length ? this.tasks.countsFor(principal, ids, today) : new Map<string, { open: number; overdue: number }>(),
    ]);

    const items = rows.map((d) => {
      const conditions = caseConditions(
        d,
        SharedConditions.for(principal, d),
        { requests: requestsOf.get(d.id) ?? [], tasks: checksOf.get(d.id) ?? [] },
        today,
      );
      return {
        detentionId: d.id,
        caseReference: d.caseReference,
        personName: d.personName,
        expectedReleaseDate: d.expectedReleaseDate!,
        daysLeft: daysBetween(today, d.expectedReleaseDate!),
        prison: d.prison,
        municipality: d.municipality,
        probation: d.probation,
        screeningCompletedDate: d.screeningCompletedDate,
        conditions,
        missing: missingConditions(conditions),
        tasks: counts.get(d.id) ?? { open: 0, overdue: 0 },
      };
    });
    return {
      today,
      releaseWithinDays: query.releaseWithinDays,
      items,
      page: query.page,
      pageSize: query.pageSize,
      ...count,
    };
  }
}
