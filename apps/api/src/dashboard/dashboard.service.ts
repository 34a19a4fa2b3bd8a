import { Injectable } from '@nestjs/common';
import type { Principal } from '@terugkeer/auth';
import {
  amsterdamDate,
  BASIC_CONDITIONS,
  CONDITION_REQUEST,
  CONDITION_STATUSES,
  daysBetween,
  idDocumentCovers,
  isOpenTask,
  MEASUREMENT_MOMENTS,
  median,
  releaseRisk,
  STAY_SEGMENTS,
  staySegment,
  type BasicCondition,
  type ConditionStatus,
  type Light,
} from '@terugkeer/domain';
import { DetentionEntity, PartnerRequestEntity, TaskEntity } from '@terugkeer/persistence';
import { DataSource } from 'typeorm';
import { caseConditions } from '../common/case-conditions';
import { detentionScope } from '../common/scope';
import { SharedConditions } from '../common/shared-conditions';

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
const NOTICES = ['detention-start-notice', 'release-notice'];

interface Release {
  detention: DetentionEntity;
  validId: boolean;
  housing: boolean;
  incomeDecided: boolean;
  insuranceResumed: boolean;
}

/**
 * The supervisor's readiness board and outcome figures, computed from the read models within the caller's
 * scope: per detention the five basic conditions as traffic lights against the days to release, ranked by the
 * risk of a release without ID, housing or income; and the figures of the chain as a whole.
 */
@Injectable()
export class DashboardService {
  constructor(private readonly dataSource: DataSource) {}

  async dashboard(principal: Principal) {
    // Erased cases (retention) still count in the figures: what is left of them is anonymous. They are closed, so
    // never on the readiness board, which names people.
    const scope = detentionScope(principal, { withErased: true });
    const detentions = await this.dataSource
      .getRepository(DetentionEntity)
      .createQueryBuilder('d')
      .where(scope.where, scope.params)
      .getMany();
    // Related rows by the same scope condition (a join), not by a list of ids, which would not scale; kept to the
    // detentions read above should one have come or left scope in between.
    const listed = new Set(detentions.map((d) => d.id));
    const [scopedRequests, scopedTasks] = await Promise.all([
      this.dataSource
        .getRepository(PartnerRequestEntity)
        .createQueryBuilder('r')
        .innerJoin(DetentionEntity, 'd', 'd.id = r.detention_id')
        .where(scope.where, scope.params)
        .getMany(),
      this.dataSource
        .getRepository(TaskEntity)
        .createQueryBuilder('t')
        .innerJoin(DetentionEntity, 'd', 'd.id = t.detention_id')
        .where(scope.where, scope.params)
        .getMany(),
    ]);
    const requests = scopedRequests.filter((r) => listed.has(r.detentionId));
    const tasks = scopedTasks.filter((t) => listed.has(t.detentionId));
    const today = amsterdamDate(Date.now());
    const requestsOf = group(requests, (r) => r.detentionId);
    const tasksOf = group(tasks, (t) => t.detentionId);

    const latestRequest = (detentionId: string, condition: BasicCondition) =>
      (requestsOf.get(detentionId) ?? [])
        .filter((r) => r.type === CONDITION_REQUEST[condition])
        .sort((a, b) => new Date(b.sentAt).getTime() - new Date(a.sentAt).getTime())[0];

    // Readiness board: detentions still in prison, riskiest first.
    const readiness = detentions
      .filter((d) => d.phase === 'detained' && d.erasedAt === null)
      .map((d) => {
        const daysToRelease = d.expectedReleaseDate ? daysBetween(today, d.expectedReleaseDate) : null;
        // One truth per condition (the detention page says the same); the chain sees a light only with consent.
        const conditions = caseConditions(
          d,
          SharedConditions.for(principal, d),
          { requests: requestsOf.get(d.id) ?? [], tasks: tasksOf.get(d.id) ?? [] },
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
        const open = (tasksOf.get(d.id) ?? []).filter((t) => isOpenTask(t.status));
        return {
          detentionId: d.id,
          caseReference: d.caseReference,
          personName: d.personName,
          prison: d.prison,
          municipality: d.municipality,
          intakeDate: d.intakeDate,
          expectedReleaseDate: d.expectedReleaseDate,
          daysToRelease,
          conditions: lights,
          risk: releaseRisk(weighed, daysToRelease) + open.filter((t) => t.escalatedAt).length,
          overdueTasks: open.filter((t) => t.dueDate !== null && t.dueDate < today).length,
          escalatedTasks: open.filter((t) => t.escalatedAt !== null).length,
        };
      })
      .sort((a, b) => b.risk - a.risk || (a.daysToRelease ?? 1e9) - (b.daysToRelease ?? 1e9));

    // Releases: what was arranged by the day of release.
    const releases: Release[] = detentions
      .filter((d) => d.actualReleaseDate !== null)
      .map((d) => {
        const released = d.actualReleaseDate!;
        const measured = (c: BasicCondition) => d.measurements.release?.[c] === 'ok';
        const closedBy = (c: BasicCondition, statuses: string[]) => {
          const request = latestRequest(d.id, c);
          return (
            !!request &&
            statuses.includes(request.status) &&
            (!request.closedAt || amsterdamDate(new Date(request.closedAt).getTime()) <= released)
          );
        };
        const resumption = (tasksOf.get(d.id) ?? []).find((t) => t.type === 'insurance-resumption');
        return {
          detention: d,
          validId:
            (!d.needs.id && idDocumentCovers(d.idDocumentExpiry, released, released)) ||
            measured('id') ||
            closedBy('id', ['completed']),
          housing: !d.needs.housing || measured('housing') || closedBy('housing', ['accepted', 'completed']),
          incomeDecided: !d.needs.income || measured('income') || closedBy('income', ['completed', 'declined']),
          insuranceResumed: resumption?.status === 'done' && resumption.outcome === 'resumed',
        };
      });
    const releaseFigures = (list: Release[]) => ({
      releases: list.length,
      validId: share(list.filter((r) => r.validId).length, list.length),
      housing: share(list.filter((r) => r.housing).length, list.length),
      incomeApplicationDecided: share(list.filter((r) => r.incomeDecided).length, list.length),
      insuranceResumed: share(list.filter((r) => r.insuranceResumed).length, list.length),
    });

    const openTasks = tasks.filter((t) => isOpenTask(t.status));
    const meetings = tasks.filter(
      (t) =>
        (t.type === 'trajectory-meeting' || t.type === 'exit-meeting') &&
        (t.status === 'done' || (t.dueDate !== null && t.dueDate <= today)),
    );
    const heldOnTime = meetings.filter(
      (t) =>
        t.status === 'done' &&
        t.outcome === 'held' &&
        (!t.dueDate || amsterdamDate(new Date(t.completedAt!).getTime()) <= t.dueDate),
    );

    const tracked = requests.filter((r) => !NOTICES.includes(r.type));
    const partners = [...group(tracked, (r) => r.partnerId).entries()]
      .map(([partnerId, list]) => {
        const counted = list.filter((r) => r.status !== 'withdrawn');
        const closed = counted.filter((r) => r.status === 'completed' || r.status === 'declined');
        const hours = list
          .filter((r) => r.acknowledgedAt)
          .map(
            (r) => (new Date(r.acknowledgedAt!).getTime() - new Date(r.deliveredAt ?? r.sentAt).getTime()) / 3_600_000,
          );
        const ackMedian = median(hours);
        return {
          partnerId,
          requests: list.length,
          open: counted.length - closed.length,
          closed: closed.length,
          loopClosureRate: share(closed.length, counted.length),
          medianHoursToAcknowledge: ackMedian === null ? null : Math.round(ackMedian * 10) / 10,
          failedDeliveries: list.filter((r) => r.delivery === 'failed' || r.delivery === 'rejected').length,
        };
      })
      .sort((a, b) => a.partnerId.localeCompare(b.partnerId));

    const segmentOf = (d: DetentionEntity) => staySegment(d.intakeDate, d.actualReleaseDate ?? d.expectedReleaseDate);
    const bySegment = (key: (d: DetentionEntity) => string, keys?: readonly string[]) => {
      const buckets = group(detentions, key);
      const releasedBy = group(releases, (r) => key(r.detention));
      return Object.fromEntries(
        (keys ?? [...buckets.keys()].sort())
          .filter((k) => buckets.has(k))
          .map((k) => [
            k,
            {
              detentions: buckets.get(k)!.length,
              detained: buckets.get(k)!.filter((d) => d.phase === 'detained').length,
              ...releaseFigures(releasedBy.get(k) ?? []),
            },
          ]),
      );
    };

    const outcomes = Object.fromEntries(
      MEASUREMENT_MOMENTS.map((moment) => [
        moment,
        Object.fromEntries(
          BASIC_CONDITIONS.map((c) => [
            c,
            Object.fromEntries(
              CONDITION_STATUSES.map((s: ConditionStatus) => [
                s,
                detentions.filter((d) => d.measurements[moment]?.[c] === s).length,
              ]),
            ),
          ]),
        ),
      ]),
    );

    return {
      scope: principal.org,
      generatedAt: new Date().toISOString(),
      readiness,
      figures: {
        detentions: {
          total: detentions.length,
          detained: detentions.filter((d) => d.phase === 'detained').length,
          aftercare: detentions.filter((d) => d.phase === 'aftercare').length,
          closed: detentions.filter((d) => d.phase === 'closed').length,
        },
        releases: releaseFigures(releases),
        tasks: {
          open: openTasks.length,
          overdue: openTasks.filter((t) => t.dueDate !== null && t.dueDate < today).length,
          escalated: openTasks.filter((t) => t.escalatedAt !== null).length,
        },
        trajectoryMeetings: {
          due: meetings.length,
          heldOnTime: heldOnTime.length,
          onTimeShare: share(heldOnTime.length, meetings.length),
        },
        partners,
        segments: {
          lengthOfStay: bySegment(segmentOf, STAY_SEGMENTS),
          municipality: bySegment((d) => d.municipality),
        },
        outcomes,
      },
    };
  }
}

function group<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
